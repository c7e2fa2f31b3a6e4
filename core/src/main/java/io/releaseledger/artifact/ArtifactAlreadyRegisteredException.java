package io.releaseledger.artifact;

/**
 * A (name, version) was registered before with another digest. Versions are immutable: the message
 * names the first registration so the reader can tell a rebuild from a mix-up.
 */
public class ArtifactAlreadyRegisteredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Artifact existing;

    public ArtifactAlreadyRegisteredException(Artifact existing, Digest refused) {
        super(existing.coordinates() + " is already registered with digest " + existing.digest()
                + " (by " + existing.registeredBy() + " at " + existing.registeredAt() + "); refusing "
                + refused + ". A version is immutable: build once and register a new version for new content.");
        this.existing = existing;
    }

    /** The registration that stands. */
    Artifact existing() {
        return existing;
    }
}
