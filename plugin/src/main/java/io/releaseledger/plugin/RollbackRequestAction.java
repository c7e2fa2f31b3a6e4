package io.releaseledger.plugin;

import hudson.model.InvisibleAction;

/**
 * Carried by a build scheduled from a release's page ("Roll back to this release"): its {@code deployRelease}
 * for {@link #getEnvironment()} deploys {@link #getArtifact()} {@link #getVersion()} as a rollback
 * ({@code RELEASE_MODE=rollback}) instead of the version the pipeline names. Kept with the queue item and then
 * the build, so the build's record shows why it ran. Plain values only: it is serialized with the build.
 */
public final class RollbackRequestAction extends InvisibleAction {
    private final String environment;
    private final String artifact;
    private final String version;
    private final long targetReleaseId;
    private final String requestedBy;

    public RollbackRequestAction(String environment, String artifact, String version, long targetReleaseId,
            String requestedBy) {
        this.environment = environment;
        this.artifact = artifact;
        this.version = version;
        this.targetReleaseId = targetReleaseId;
        this.requestedBy = requestedBy;
    }

    /** The environment to roll back. */
    public String getEnvironment() {
        return environment;
    }

    /** The artifact of the release to go back to. */
    public String getArtifact() {
        return artifact;
    }

    /** The version to go back to: one that was live in the environment. */
    public String getVersion() {
        return version;
    }

    /** The ledger's id of the release being returned to. */
    public long getTargetReleaseId() {
        return targetReleaseId;
    }

    /** The Jenkins user who asked for the rollback. */
    public String getRequestedBy() {
        return requestedBy;
    }

    @Override
    public String toString() {
        return "rollback of " + environment + " to " + artifact + " " + version + " (release " + targetReleaseId
                + "), requested by " + requestedBy;
    }
}
