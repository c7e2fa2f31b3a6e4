package io.releaseledger.ledger;

import io.releaseledger.Inputs;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.release.ReleaseMode;
import java.util.Objects;

/**
 * A request to put a registered artifact version into an environment.
 *
 * @param plan what the engine needs to resume the release from the ledger alone (its own JSON), or
 *             {@code null}; never secrets, only references to them
 */
public record ReleaseRequest(String environment, String artifactName, String version, ReleaseMode mode,
                             String plan) {
    public ReleaseRequest {
        Objects.requireNonNull(environment, "environment");
        ArtifactRegistration.validName(artifactName);
        ArtifactRegistration.validVersion(version);
        Objects.requireNonNull(mode, "mode");
        Inputs.text("plan", plan, 16000);
    }

    public static ReleaseRequest deploy(String environment, String artifactName, String version) {
        return new ReleaseRequest(environment, artifactName, version, ReleaseMode.DEPLOY, null);
    }
}
