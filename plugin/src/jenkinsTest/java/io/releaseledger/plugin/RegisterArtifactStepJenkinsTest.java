package io.releaseledger.plugin;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/** registerArtifact in real Pipelines (needs the Jenkins repository; run with -Pjenkins). */
public class RegisterArtifactStepJenkinsTest {
    private static final String HELLO = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "payments");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    @Test
    public void hashesAWorkspaceFileOnTheAgentAndReturnsItsCoordinates() throws Exception {
        r.createSlave("agent", null, null);
        WorkflowJob job = pipeline("node('agent') {\n"
                + "  writeFile file: 'target/app.bin', text: 'hello'\n"
                + "  def a = registerArtifact name: 'payments-api', version: '1.4.2', file: 'target/app.bin'\n"
                + "  echo \"registered ${a.name} ${a.version} ${a.digest} ${a.kind} ${a.location}\"\n"
                + "}");
        WorkflowRun b = r.buildAndAssertSuccess(job);
        r.assertLogContains("registered payments-api 1.4.2 " + HELLO + " file target/app.bin", b);
    }

    @Test
    public void anImageOrDigestNeedsNoNode() throws Exception {
        WorkflowJob job = pipeline("def a = registerArtifact name: 'payments-api', version: '2.0.0', digest: '" + HELLO + "'\n"
                + "echo \"kind=${a.kind}\"");
        r.assertLogContains("kind=other", r.buildAndAssertSuccess(job));
    }

    @Test
    public void userErrorsFailTheBuildWithOneLine() throws Exception {
        WorkflowJob job = pipeline("registerArtifact name: 'payments-api', version: '1.0.0', image: 'registry.example.com/app:1.0.0'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("registerArtifact: image 'registry.example.com/app:1.0.0' is not pinned by digest", b);
        r.assertLogNotContains("\tat io.releaseledger", b);
    }

    @Test
    public void aFileOutsideNodeSaysWhatToDo() throws Exception {
        WorkflowJob job = pipeline("registerArtifact name: 'payments-api', version: '1.0.0', file: 'app.jar'");
        r.assertLogContains("registerArtifact: file: needs a workspace; call it inside node",
                r.buildAndAssertStatus(Result.FAILURE, job));
    }

    @Test
    public void aVersionIsImmutable() throws Exception {
        WorkflowJob job = pipeline("registerArtifact name: 'payments-api', version: '1.0.0', digest: '" + HELLO + "'\n"
                + "registerArtifact name: 'payments-api', version: '1.0.0', digest: 'sha256:" + "0".repeat(64) + "'");
        r.assertLogContains("payments-api 1.0.0 is already registered with digest " + HELLO,
                r.buildAndAssertStatus(Result.FAILURE, job));
    }
}
