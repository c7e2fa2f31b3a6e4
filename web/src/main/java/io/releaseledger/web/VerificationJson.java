package io.releaseledger.web;

import io.releaseledger.ledger.ChainVerification;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code audit verify} found, as JSON: the one shape {@code GET /api/audit/verify} and the CLI's
 * {@code audit verify --json} both write (docs/web.md, "Audit"). Plain maps only, like {@link ReleaseJson}.
 */
public final class VerificationJson {
    private VerificationJson() {}

    /** The verdict: the chain, the releases against it, ids never issued, and times that run backwards. */
    public static Map<String, Object> of(ChainVerification v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intact", v.intact());
        out.put("eventsChecked", v.eventsChecked());
        out.put("releasesChecked", v.releasesChecked());
        out.put("unissuedIds", v.unissuedIds());
        out.put("firstBrokenSeq", v.intact() ? null : v.firstBrokenSeq());
        out.put("problem", v.problem());
        out.put("timeReversals", v.timeReversals());
        out.put("firstReversalSeq", v.timesRunBackwards() ? v.firstReversalSeq() : null);
        out.put("summary", v.toString());
        return out;
    }
}
