package io.releaseledger.plugin;

import hudson.model.Cause;
import hudson.model.TaskListener;

/**
 * Why a build scheduled by "Roll back to this release" runs: who asked, from the Releases page, for which rollback.
 * Jenkins shows it on the build's page and at the top of its log ("Started by user alice from the Releases page:
 * roll back production to payments-api 1.4.1, release 41"), where a bare "Started" would leave people guessing. A
 * user cause, so Jenkins and the steps treat the person who clicked as the one who started the build.
 */
public final class RollbackCause extends Cause.UserIdCause {
    private final String environment;
    private final String artifact;
    private final String version;
    private final long targetReleaseId;

    public RollbackCause(RollbackRequestAction request) {
        super(request.getRequestedBy());
        this.environment = request.getEnvironment();
        this.artifact = request.getArtifact();
        this.version = request.getVersion();
        this.targetReleaseId = request.getTargetReleaseId();
    }

    /** "roll back production to payments-api 1.4.1, release 41". */
    public String getRollback() {
        return Messages.RollbackCause_Rollback(environment, artifact, version, Long.toString(targetReleaseId));
    }

    @Override
    public String getShortDescription() {
        return Messages.RollbackCause_ShortDescription(getUserId(), getRollback());
    }

    @Override
    public void print(TaskListener listener) {
        listener.getLogger().println(getShortDescription());
    }
}
