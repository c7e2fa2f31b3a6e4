package io.releaseledger.plugin;

import hudson.model.Action;
import hudson.model.InvisibleAction;
import hudson.model.Queue;
import java.util.List;
import java.util.Objects;

/**
 * Carried by a build scheduled from a release's page ("Roll back to this release"): its {@code deployRelease}
 * for {@link #getEnvironment()} deploys {@link #getArtifact()} {@link #getVersion()} as a rollback
 * ({@code RELEASE_MODE=rollback}) instead of the version the pipeline names. Kept with the queue item and then
 * the build, so the build's record shows why it ran. Plain values only: it is serialized with the build.
 *
 * <p>A {@link Queue.QueueAction}: the queue folds a new build of a job into one already waiting unless an action
 * says otherwise, so without this a Roll back click would silently merge into a queued ordinary build (which
 * then deploys the pipeline's version instead of rolling back) or into a rollback to another release.
 */
public final class RollbackRequestAction extends InvisibleAction implements Queue.QueueAction {
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

    /**
     * Whether a build with these actions is a separate build from a queued one carrying {@code actions}: yes,
     * unless the queued one already asks for this same rollback (environment and target release), so a double
     * click gives one build. Jenkins asks both ways round (this action about the queued item's actions, and the
     * queued item's queue actions about the new one's); any {@code true} schedules a new build.
     */
    @Override
    public boolean shouldSchedule(List<Action> actions) {
        for (Action action : actions) {
            if (action instanceof RollbackRequestAction other && sameRequest(other)) {
                return false;
            }
        }
        return true;
    }

    /** The same rollback, whoever asked for it: the same environment back to the same release. */
    boolean sameRequest(RollbackRequestAction other) {
        return targetReleaseId == other.targetReleaseId && Objects.equals(environment, other.environment);
    }

    @Override
    public String toString() {
        return Messages.RollbackRequestAction_Description(environment, artifact, version, Long.toString(targetReleaseId), requestedBy);
    }
}
