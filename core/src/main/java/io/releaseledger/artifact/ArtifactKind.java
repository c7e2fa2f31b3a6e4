package io.releaseledger.artifact;

/** What the digest was taken of. */
public enum ArtifactKind {
    /** A file, hashed byte for byte. */
    FILE,
    /** A container image, identified by its registry manifest digest. */
    CONTAINER_IMAGE,
    /** Anything else whose digest the pipeline computed itself. */
    OTHER
}
