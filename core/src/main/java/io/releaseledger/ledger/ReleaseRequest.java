package io.releaseledger.ledger;

import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.release.ReleaseMode;
import java.util.Objects;

/** A request to put a registered artifact version into an environment. */
public record ReleaseRequest(String environment, String artifactName, String version, ReleaseMode mode) {
    public ReleaseRequest {
        Objects.requireNonNull(environment, "environment");
        ArtifactRegistration.validName(artifactName);
        ArtifactRegistration.validVersion(version);
        Objects.requireNonNull(mode, "mode");
    }

    public static ReleaseRequest deploy(String environment, String artifactName, String version) {
        return new ReleaseRequest(environment, artifactName, version, ReleaseMode.DEPLOY);
    }
}
