package io.releaseledger.plugin;

import hudson.Extension;
import io.releaseledger.engine.ReleaseRules;
import io.releaseledger.engine.RollbackRequest;
import io.releaseledger.release.Release;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code rollbackRelease(environment: 'production', to: '1.4.1') { sh './deploy.sh' }}: a manual rollback as the
 * engine does it — to {@code to} (a version once live there) or to the release live before the current one; no
 * approvals, allowed during a freeze, the body run with {@code RELEASE_MODE=rollback}, then verified. A failed
 * manual rollback is not rolled back again. It names its own target, so a rollback requested from the Releases
 * page (which {@code deployRelease} honours) does not change it.
 */
public final class RollbackReleaseStep extends VerifiedReleaseStep {
    private String to;

    @DataBoundConstructor
    public RollbackReleaseStep(String environment) {
        super(environment);
    }

    public String getTo() {
        return to;
    }

    /** The version to go back to; empty: the release live before the current one. */
    @DataBoundSetter
    public void setTo(String to) {
        this.to = Validation.trimToNull(to);
    }

    @Override
    String functionName() {
        return DescriptorImpl.NAME;
    }

    /** Always the rollback this step names: a rollback the Releases page asked for does not change it. */
    @Override
    Release record(ReleaseRules rules, BuildOrigin origin, RollbackRequestAction pageRollback, List<Long> approvalGates) {
        return rules.requestRollback(request(origin));
    }

    RollbackRequest request(BuildOrigin origin) {
        require("environment", getEnvironment());
        return new RollbackRequest(getEnvironment(), to, origin.actor(), origin.job(), plan());
    }

    @Extension
    @Symbol("rollbackRelease")
    public static final class DescriptorImpl extends VerifiedReleaseStepDescriptor {
        static final String NAME = "rollbackRelease";

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return Messages.RollbackReleaseStep_DisplayName();
        }
    }
}
