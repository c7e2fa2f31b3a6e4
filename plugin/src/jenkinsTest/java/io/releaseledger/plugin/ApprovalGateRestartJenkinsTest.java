package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.releaseledger.approval.Decision;
import io.releaseledger.ledger.Actor;
import io.releaseledger.release.ReleaseState;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsSessionRule;

/** An approval gate survives a controller restart (needs the Jenkins repository; run with -Pjenkins). */
public class ApprovalGateRestartJenkinsTest {
    private static final String DIGEST = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void aGateWaitingAcrossARestartPassesWithAnApprovalGivenWhileJenkinsWasDown() throws Throwable {
        long[] id = new long[1];
        sessions.then(r -> {
            ReleaseEnvironment staging = new ReleaseEnvironment("staging");
            staging.setApprovalsRequired(1);
            staging.setApprovers("bob");
            ReleaseLedgerConfiguration.get().setEnvironments(List.of(staging));
            WorkflowJob job = r.createProject(WorkflowJob.class, "payments");
            job.setDefinition(new CpsFlowDefinition(
                    "registerArtifact name: 'payments-api', version: '1.0.0', digest: '" + DIGEST + "'\n"
                            + "def g = approvalGate environment: 'staging', artifact: 'payments-api', version: '1.0.0'\n"
                            + "echo \"gate passed: ${g.approvedBy}\"", true));
            WorkflowRun b = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("approve or reject it at", b);
            id[0] = b.getAction(ReleasesBuildAction.class).getReleaseIds().get(0);
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("payments", WorkflowJob.class).getBuildByNumber(1);
            assertTrue("still waiting after the restart", b.isBuilding());
            assertEquals(ReleaseState.AWAITING_APPROVAL, PluginLedger.get().release(id[0]).state());
            // As the CLI would during the restart: a decision written straight to the ledger.
            PluginApprovals.of(PluginLedger.get(), ReleaseLedgerConfiguration.get().toEnvironmentConfig())
                    .decide(id[0], "bob", Set.of(), Decision.APPROVE, "from the CLI", new Actor("bob", "cli"));
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("gate passed: [bob]", b);
        });
    }
}
