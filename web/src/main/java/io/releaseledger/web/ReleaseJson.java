package io.releaseledger.web;

import io.releaseledger.promotion.FreezeOverride;
import io.releaseledger.release.Release;
import java.time.Instant;
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
        time(m, "requestedAt", r.requestedAt());
        time(m, "updatedAt", r.updatedAt());
        time(m, "liveAt", r.liveAt());
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
        time(m, "frozenUntil", f.frozenUntil());
        m.put("by", f.by());
        m.put("reason", f.reason());
        time(m, "at", f.at());
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
        time(m, "leaseExpiredAt", lost.leaseExpiredAt());
        time(m, "ownerExitSeenAt", lost.ownerExitSeenAt());
        return m;
    }

    /** Puts {@code key} as ISO-8601 UTC and {@code keyEpochMillis} as a number; both null when absent. */
    static void time(Map<String, Object> into, String key, Instant t) {
        into.put(key, t == null ? null : t.toString());
        into.put(key + "EpochMillis", t == null ? null : t.toEpochMilli());
    }
}
