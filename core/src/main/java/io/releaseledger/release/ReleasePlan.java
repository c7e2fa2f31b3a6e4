package io.releaseledger.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseledger.Durations;
import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.ApprovalOverride;
import io.releaseledger.environment.Approver;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.internal.JsonTrees;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.promotion.FreezeOverride;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the engine stores with a release request so that any orchestrator can finish the release
 * from the ledger alone: how to verify it, how the pipeline tightened the approval policy, which
 * job asked, and any emergency override of a freeze (recorded, never reused). Only references to
 * secrets, never values.
 *
 * @param job            the job's full name, or {@code null} from the command line
 * @param freezeOverride the freeze this release was let through, or {@code null}
 */
public record ReleasePlan(VerificationPlan verification, ApprovalOverride approval, String job,
                          FreezeOverride freezeOverride) {
    private static final int FORMAT_VERSION = 1;

    public ReleasePlan {
        Objects.requireNonNull(verification, "verification");
        approval = approval == null ? ApprovalOverride.none() : approval;
    }

    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("version", FORMAT_VERSION);
        fields.put("verification", verification.toJson());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("required", approval.required());
        a.put("approvers", approval.approvers() == null ? null : approval.approvers().stream().map(Approver::spelling).toList());
        a.put("timeout", approval.timeout() == null ? null : Durations.format(approval.timeout()));
        a.put("allowSelfApproval", approval.allowSelfApproval());
        fields.put("approval", a);
        fields.put("job", job);
        fields.put("freezeOverride", freezeOverride == null ? null : freezeOverride.toMap());
        return CanonicalJson.object(fields);
    }

    /** Reads what {@link #toJson} wrote; anything else is refused naming the field. */
    public static ReleasePlan fromJson(String json) {
        JsonNode fields;
        try {
            fields = JsonTrees.readStored(json);
        } catch (JsonTrees.MalformedJsonException e) {
            throw new InvalidInputException("release plan", json, "it is not the JSON object the engine writes: "
                    + e.getMessage());
        }
        if (!fields.isObject()) {
            throw new InvalidInputException("release plan", json, "it is not the JSON object the engine writes: "
                    + "it is " + fields.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        JsonNode version = fields.get("version");
        if (version == null || !version.isNumber() || version.decimalValue().intValue() != FORMAT_VERSION) {
            throw new InvalidInputException("release plan version", version == null ? "null" : version.asText(),
                    "this engine reads version " + FORMAT_VERSION);
        }
        VerificationPlan verification = VerificationPlan.fromJson(text(fields, "verification"));
        JsonNode a = fields.get("approval");
        Set<Approver> approvers = null;
        if (present(a, "approvers")) {
            approvers = new LinkedHashSet<>();
            for (JsonNode entry : a.get("approvers")) {
                approvers.add(Approver.parse("approval.approvers", entry.textValue()));
            }
        }
        ApprovalOverride approval = new ApprovalOverride(
                present(a, "required") ? a.get("required").decimalValue().intValueExact() : null,
                approvers,
                present(a, "timeout") ? Durations.parse("approval.timeout", text(a, "timeout")) : null,
                present(a, "allowSelfApproval") ? a.get("allowSelfApproval").booleanValue() : null);
        JsonNode f = fields.get("freezeOverride");
        FreezeOverride freeze = f != null && f.isObject() ? FreezeOverride.fromTree(f) : null;
        return new ReleasePlan(verification, approval, text(fields, "job"), freeze);
    }

    private static boolean present(JsonNode object, String key) {
        return object.hasNonNull(key);
    }

    /** A string member's text; {@code null} when absent or JSON null. */
    private static String text(JsonNode object, String key) {
        JsonNode value = object.get(key);
        return value == null || value.isNull() ? null : value.textValue();
    }
}
