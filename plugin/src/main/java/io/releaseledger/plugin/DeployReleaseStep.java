package io.releaseledger.plugin;

import hudson.Extension;
import io.releaseledger.InvalidInputException;
import io.releaseledger.engine.DeployRequest;
import io.releaseledger.engine.ReleaseRules;
import io.releaseledger.engine.RollbackRequest;
import io.releaseledger.environment.ApprovalOverride;
import io.releaseledger.environment.PolicyDurations;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.ledger.Actor;
import io.releaseledger.promotion.EmergencyOverride;
import io.releaseledger.release.Release;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code deployRelease(environment: 'staging', artifact: 'payments-api', version: '1.4.2', healthChecks: […],
 * verification: […]) { sh './deploy.sh' }}: the whole engine flow — promotion rules, approvals, the
 * environment's lease, the body, health verification, and an automatic rollback (the body again, with the
 * known-good artifact and {@code RELEASE_MODE=rollback}) when the release is unhealthy. Returns the release as a
 * map when it went LIVE; fails the build with one line otherwise. In a build scheduled by Roll back on the
 * Releases page ({@link RollbackRequestAction}) for its environment, it performs that rollback instead.
 */
public final class DeployReleaseStep extends VerifiedReleaseStep {
    private final String artifact;
    private final String version;
    private int approvals;
    private String approvers;
    private String approvalTimeout;
    private boolean forbidSelfApproval;
    private String emergencyReason;

    @DataBoundConstructor
    public DeployReleaseStep(String environment, String artifact, String version) {
        super(environment);
        this.artifact = Validation.trimToNull(artifact);
        this.version = Validation.trimToNull(version);
    }

    public String getArtifact() {
        return artifact;
    }

    public String getVersion() {
        return version;
    }

    public int getApprovals() {
        return approvals;
    }

    /** More approvals than the environment requires (never fewer); 0 keeps the environment's count. */
    @DataBoundSetter
    public void setApprovals(int approvals) {
        this.approvals = approvals;
    }

    public String getApprovers() {
        return approvers;
    }

    /** A subset of the environment's approvers ({@code alice, group:release-managers}). */
    @DataBoundSetter
    public void setApprovers(String approvers) {
        this.approvers = Validation.trimToNull(approvers);
    }

    public String getApprovalTimeout() {
        return approvalTimeout;
    }

    /** A shorter approval timeout than the environment's, e.g. {@code 2h}. */
    @DataBoundSetter
    public void setApprovalTimeout(String approvalTimeout) {
        this.approvalTimeout = Validation.trimToNull(approvalTimeout);
    }

    public boolean isForbidSelfApproval() {
        return forbidSelfApproval;
    }

    /** Forbid self-approval where the environment allows it. */
    @DataBoundSetter
    public void setForbidSelfApproval(boolean forbidSelfApproval) {
        this.forbidSelfApproval = forbidSelfApproval;
    }

    public String getEmergencyReason() {
        return emergencyReason;
    }

    /** Deploy through a freeze window; the reason (an incident number…) is recorded with the release. */
    @DataBoundSetter
    public void setEmergencyReason(String emergencyReason) {
        this.emergencyReason = Validation.trimToNull(emergencyReason);
    }

    @Override
    String functionName() {
        return DescriptorImpl.NAME;
    }

    /**
     * The deploy this step names — or, in a build that Roll back on the Releases page scheduled for this
     * environment, that manual rollback instead: core's rollback request to the page's version, with this step's
     * checks (no approvals, allowed in a freeze, {@code RELEASE_MODE=rollback}). Deploying the pipeline's own
     * version there would undo what the person asked for. After an {@code approvalGate} of this build for the same
     * environment, artifact and version, it continues the release the gate opened and its approvers approved
     * ({@link ReleaseRules#requestOrTakeOver}), so they are not asked again; core checks the promotion rules again as
     * of now.
     */
    @Override
    Release record(ReleaseRules rules, BuildOrigin origin, RollbackRequestAction pageRollback, List<Long> approvalGates) {
        String environment = getEnvironment();
        if (pageRollback == null) {
            return rules.requestOrTakeOver(request(origin), approvalGates);
        }
        RollbackRequest rollback = rollbackRequest(origin, pageRollback);
        Release target = rules.rollbackTarget(rollback);
        if (!target.artifactName().equals(pageRollback.getArtifact())) {
            // Core resolves the version against what the environment runs now; it must be the artifact asked for.
            throw new InvalidInputException("environment", environment, "the Releases page asked to roll back to "
                    + pageRollback.getArtifact() + " " + pageRollback.getVersion() + ", but " + environment + " now runs "
                    + target.artifactName() + "; roll back from the release's page again");
        }
        return rules.requestRollback(rollback);
    }

    /** Core's manual rollback for a page's request: requested by the person who clicked, from this build. */
    RollbackRequest rollbackRequest(BuildOrigin origin, RollbackRequestAction pageRollback) {
        String environment = getEnvironment();
        require("environment", environment);
        VerificationPlan plan = plan();
        Actor build = origin.actor();
        String person = Validation.trimToNull(pageRollback.getRequestedBy());
        Actor actor = person == null ? build : new Actor(person, build.origin());
        return new RollbackRequest(environment, pageRollback.getVersion(), actor, origin.job(), plan);
    }

    /**
     * Core's request for this step, every parameter checked.
     *
     * @throws InvalidInputException naming the parameter
     */
    DeployRequest request(BuildOrigin origin) {
        require("environment", getEnvironment());
        require("artifact", artifact);
        require("version", version);
        VerificationPlan plan = plan();
        EmergencyOverride emergency;
        try {
            emergency = emergencyReason == null ? null : new EmergencyOverride(origin.buildId(), emergencyReason);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("emergencyReason", emergencyReason, e.getMessage());
        }
        return new DeployRequest(getEnvironment(), artifact, version, origin.actor(), origin.job(), plan, approvalOverride(),
                emergency);
    }

    ApprovalOverride approvalOverride() {
        ApprovalOverride o = ApprovalOverride.none();
        if (approvals < 0) throw new InvalidInputException("approvals", Integer.toString(approvals), "0 or more");
        if (approvals > 0) o = o.withRequired(approvals);
        if (approvers != null) o = o.withApprovers(Validation.split(approvers).toArray(String[]::new));
        if (approvalTimeout != null) o = o.withTimeout(PolicyDurations.parse("approvalTimeout", approvalTimeout));
        if (forbidSelfApproval) o = o.withAllowSelfApproval(false);
        return o;
    }

    @Extension
    @Symbol("deployRelease")
    public static final class DescriptorImpl extends VerifiedReleaseStepDescriptor {
        static final String NAME = "deployRelease";

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return Messages.DeployReleaseStep_DisplayName();
        }
    }
}
