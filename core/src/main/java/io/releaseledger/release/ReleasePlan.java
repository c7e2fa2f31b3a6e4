package io.releaseledger.release;

import io.releaseledger.Durations;
import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.ApprovalOverride;
import io.releaseledger.environment.Approver;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.json.Json;
import io.releaseledger.json.JsonReader;
import io.releaseledger.promotion.FreezeOverride;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
        return Json.object(fields);
    }

    /** Reads what {@link #toJson} wrote; anything else is refused naming the field. */
    @SuppressWarnings("unchecked")
    public static ReleasePlan fromJson(String json) {
        Map<String, Object> fields;
        try {
            fields = (Map<String, Object>) JsonReader.parse(json, true);
        } catch (JsonReader.MalformedJsonException | ClassCastException e) {
            throw new InvalidInputException("release plan", json, "it is not the JSON object the engine writes: "
                    + e.getMessage());
        }
        Object version = fields.get("version");
        if (!(version instanceof JsonReader.JsonNumber n) || n.decimal().intValue() != FORMAT_VERSION) {
            throw new InvalidInputException("release plan version", String.valueOf(version),
                    "this engine reads version " + FORMAT_VERSION);
        }
        VerificationPlan verification = VerificationPlan.fromJson((String) fields.get("verification"));
        Map<String, Object> a = (Map<String, Object>) fields.get("approval");
        Set<Approver> approvers = null;
        if (a.get("approvers") != null) {
            approvers = new LinkedHashSet<>();
            for (Object entry : (List<Object>) a.get("approvers")) {
                approvers.add(Approver.parse("approval.approvers", (String) entry));
            }
        }
        ApprovalOverride approval = new ApprovalOverride(
                a.get("required") == null ? null : ((JsonReader.JsonNumber) a.get("required")).decimal().intValueExact(),
                approvers,
                a.get("timeout") == null ? null : Durations.parse("approval.timeout", (String) a.get("timeout")),
                (Boolean) a.get("allowSelfApproval"));
        FreezeOverride freeze = fields.get("freezeOverride") instanceof Map<?, ?> f ? FreezeOverride.fromMap(f) : null;
        return new ReleasePlan(verification, approval, (String) fields.get("job"), freeze);
    }
}
