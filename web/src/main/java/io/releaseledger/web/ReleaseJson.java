package io.releaseledger.web;

import io.releaseledger.promotion.FreezeOverride;
import io.releaseledger.release.Release;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A release as JSON: the one shape the web API and the CLI's {@code --json} both write, so a script
 * can read either (docs/web.md, "Release shape"). Builds plain maps only: the CLI writes them without
 * loading a JSON library.
 */
public final class ReleaseJson {
    private ReleaseJson() {}

    /** The release's fields as an ordered map of strings, numbers and nulls; each time also in epoch ms. */
    public static Map<String, Object> of(Release r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("environment", r.environment());
        m.put("artifact", r.artifactName());
        m.put("version", r.version());
        m.put("digest", r.digest().value());
        m.put("mode", r.mode().name());
        m.put("state", r.state().name());
        m.put("reason", r.reason());
        m.put("rollbackTargetId", r.rollbackTargetId());
        m.put("initiator", r.initiator());
        m.put("origin", r.origin());
        ApiJson.time(m, "requestedAt", r.requestedAt());
        ApiJson.time(m, "updatedAt", r.updatedAt());
        ApiJson.time(m, "liveAt", r.liveAt());
        m.put("freezeOverride", freezeOverride(r.freezeOverride()));
        m.put("lostOwner", lostOwner(r.lostOwner()));
        return m;
    }

    /** Who let the release through which freeze window, and why; {@code null} when no freeze was overridden. */
    static Map<String, Object> freezeOverride(FreezeOverride f) {
        if (f == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("freeze", f.freeze());
        ApiJson.time(m, "frozenUntil", f.frozenUntil());
        m.put("by", f.by());
        m.put("reason", f.reason());
        ApiJson.time(m, "at", f.at());
        return m;
    }

    /** Why a release the ledger records in flight reads INTERRUPTED; {@code null} for every other release. */
    static Map<String, Object> lostOwner(Release.LostOwner lost) {
        if (lost == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recordedState", lost.recordedState().name());
        m.put("leaseHolder", lost.leaseHolder());
        ApiJson.time(m, "leaseExpiredAt", lost.leaseExpiredAt());
        ApiJson.time(m, "ownerExitSeenAt", lost.ownerExitSeenAt());
        return m;
    }
}
