package io.releaseledger.engine;

import io.releaseledger.artifact.Artifact;
import io.releaseledger.release.ReleaseMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the deploy body is asked to do: put {@code artifact} into {@code environment}, for release
 * {@code releaseId}, in {@code mode} (a rollback passes the known-good artifact).
 *
 * @param leaseToken the fencing token of the environment's lease the release holds ({@code RELEASE_LEASE_TOKEN}):
 *                   deployment tooling that records it and refuses a smaller one keeps a deposed owner's body from
 *                   writing over a newer deploy; {@code null} when the release holds no lease
 */
public record Deployment(String environment, long releaseId, ReleaseMode mode, Artifact artifact, Long leaseToken) {

    /** The variables the body receives (secrets are bound separately, by the host). */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("RELEASE_ENVIRONMENT", environment);
        vars.put("RELEASE_ID", Long.toString(releaseId));
        vars.put("RELEASE_ARTIFACT_NAME", artifact.name());
        vars.put("RELEASE_ARTIFACT_VERSION", artifact.version());
        vars.put("RELEASE_ARTIFACT_DIGEST", artifact.digest().value());
        vars.put("RELEASE_ARTIFACT_LOCATION", artifact.location() == null ? "" : artifact.location());
        vars.put("RELEASE_MODE", mode.environmentValue());
        vars.put("RELEASE_LEASE_TOKEN", leaseToken == null ? "" : Long.toString(leaseToken));
        return vars;
    }
}
