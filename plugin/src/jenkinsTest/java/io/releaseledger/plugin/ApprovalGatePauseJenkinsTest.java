package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import io.releaseledger.approval.Decision;
import io.releaseledger.ledger.Actor;
import java.util.List;
import java.util.Set;
import jenkins.model.CauseOfInterruption;
import jenkins.model.InterruptedBuildAction;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * approvalGate pauses as the input step does, in a real Jenkins: the step's node carries a PauseAction while it waits,
 * the console links to the release on the Releases page, and a rejection or a timeout ends the build ABORTED with a
 * cause naming who rejected it or how long it waited (needs the Jenkins repository; run with -Pjenkins).
 */
public class ApprovalGatePauseJenkinsTest {
    private static final String DIGEST = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private WorkflowRun startGate(String gateOptions) throws Exception {
        ReleaseEnvironment staging = new ReleaseEnvironment("staging");
        staging.setApprovalsRequired(1);
        staging.setApprovers("bob");
        ReleaseLedgerConfiguration.get().setEnvironments(List.of(staging));
        WorkflowJob job = r.createProject(WorkflowJob.class, "payments");
        job.setDefinition(new CpsFlowDefinition(
                "registerArtifact name: 'payments-api', version: '1.0.0', digest: '" + DIGEST + "'\n"
                        + "approvalGate environment: 'staging', artifact: 'payments-api', version: '1.0.0'" + gateOptions
                        + "\n", true));
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("approve or reject it at", b);
        return b;
    }

    private static FlowNode gateNode(WorkflowRun b) {
        FlowNode node = new DepthFirstScanner().findFirstMatch(b.getExecution(), new NodeStepTypePredicate("approvalGate"));
        assertNotNull("the approvalGate node", node);
        return node;
    }

    private static long releaseId(WorkflowRun b) {
        return b.getAction(ReleasesBuildAction.class).getReleaseIds().get(0);
    }

    @Test
    public void aRejectedGateWasPausedLinkedToTheReleaseAndEndsTheBuildAbortedNamingWhoRejectedIt() throws Exception {
        WorkflowRun b = startGate("");
        long id = releaseId(b);
        FlowNode node = gateNode(b);
        assertTrue("paused while waiting (Stage View, Pipeline Graph View)", PauseAction.isPaused(node));
        assertEquals(ApprovalGateStep.PAUSE_CAUSE, PauseAction.getCurrentPause(node).getCause());

        // The console's link goes to the release on the Releases page, within Jenkins' context path (the note's link;
        // Jenkins' URL annotator links the absolute address in the text as well).
        HtmlPage console = r.createWebClient().getPage(b, "console");
        boolean linked = false;
        for (HtmlAnchor a : console.getAnchors()) {
            String href = a.getHrefAttribute();
            linked |= href.startsWith("/") && href.endsWith("/" + ReleasesBuildAction.releasePath(id));
        }
        assertTrue("a link to the release's page in:\n" + console.asNormalizedText(), linked);

        PluginApprovals.of(PluginLedger.get(), ReleaseLedgerConfiguration.get().toEnvironmentConfig())
                .decide(id, "bob", Set.of(), Decision.REJECT, "not during the audit", new Actor("bob", "test"));
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        List<CauseOfInterruption> causes = b.getAction(InterruptedBuildAction.class).getCauses();
        ApprovalRejection rejection = (ApprovalRejection) causes.get(0);
        assertEquals("bob", rejection.getUserId());
        r.assertLogContains("Rejected by bob: not during the audit (release " + id, b);
        assertFalse("the pause ended", PauseAction.isPaused(gateNode(b)));
    }

    @Test
    public void aGateThatTimesOutEndsTheBuildAbortedSayingHowLongItWaited() throws Exception {
        WorkflowRun b = startGate(", timeout: '1s'");
        long id = releaseId(b);
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        ApprovalTimeout timeout = (ApprovalTimeout) b.getAction(InterruptedBuildAction.class).getCauses().get(0);
        assertEquals(id, timeout.getReleaseId());
        assertEquals("1s", timeout.getTimeout());
        r.assertLogContains("Approval timed out after 1s without a decision (release " + id, b);
        assertFalse("the pause ended", PauseAction.isPaused(gateNode(b)));
    }
}
