package io.releaseledger.web;

import io.releaseledger.release.Release;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A release as JSON: the one shape the web API and the CLI's {@code --json} both write, so a script
 * can read either (docs/web.md, "Release shape").
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
        return m;
    }
}
