package io.releaseledger.artifact;

import java.time.Instant;

/** An artifact as recorded in the ledger: immutable once registered. */
public record Artifact(String name, String version, Digest digest, ArtifactKind kind, String location,
                       ArtifactSource source, Instant registeredAt, String registeredBy) {

    /** {@code name version}, the way release engineers say it. */
    public String coordinates() {
        return name + " " + version;
    }
}
