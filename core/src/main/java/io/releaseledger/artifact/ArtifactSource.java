package io.releaseledger.artifact;

import io.releaseledger.Inputs;

/**
 * Where an artifact was built: job, build and SCM revision, each optional (a CLI registration may
 * have none).
 */
public record ArtifactSource(String job, String build, String revision) {
    static final ArtifactSource NONE = new ArtifactSource(null, null, null);

    public ArtifactSource {
        Inputs.text("source job", job, 500);
        Inputs.text("source build", build, 2000);
        Inputs.text("source revision", revision, 200);
    }
}
