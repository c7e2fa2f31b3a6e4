package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Item;
import io.releaseledger.release.ReleaseState;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The Releases pages, their JSON and their POST actions in a real Jenkins, with an approval gate waiting in a real
 * Pipeline (needs the Jenkins repository; run with -Pjenkins).
 */
public class ReleasesPagesJenkinsTest {
    private static final String DIGEST = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Before
    public void secureJenkinsWithAGatedEnvironment() throws Exception {
        JenkinsRule.DummySecurityRealm realm = r.createDummySecurityRealm();
        realm.addGroups("erin", "release-managers");
        r.jenkins.setSecurityRealm(realm);
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().toEveryone()
                .grant(ReleaseLedgerPermissions.APPROVE).everywhere().to("bob", "erin")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        ReleaseEnvironment staging = new ReleaseEnvironment("staging");
        staging.setApprovalsRequired(1);
        staging.setApprovers("bob\ngroup:release-managers");
        ReleaseLedgerConfiguration.get().setEnvironments(List.of(staging));
    }

    private WorkflowRun gateWaiting() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "payments");
        job.setDefinition(new CpsFlowDefinition(
                "registerArtifact name: 'payments-api', version: '1.0.0', digest: '" + DIGEST + "'\n"
                        + "def g = approvalGate environment: 'staging', artifact: 'payments-api', version: '1.0.0',"
                        + " message: 'Ship 1.0.0?'\n"
                        + "echo \"gate passed: ${g.state} by ${g.approvedBy}\"", true));
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("approve or reject it at", b);
        return b;
    }

    private static long releaseId(WorkflowRun b) {
        return b.getAction(ReleasesBuildAction.class).getReleaseIds().get(0);
    }

    private Page post(JenkinsRule.WebClient wc, String path) throws Exception {
        wc.setThrowExceptionOnFailingStatusCode(false);
        return wc.getPage(wc.addCrumb(new WebRequest(new URL(r.getURL(), path), HttpMethod.POST)));
    }

    @Test
    public void approvalFromThePagePassesTheGateAndOnlyApproversMayGiveIt() throws Exception {
        WorkflowRun b = gateWaiting();
        long id = releaseId(b);
        r.assertLogContains("waiting for 1 more approval(s) from bob, group:release-managers", b);
        r.assertLogContains("Ship 1.0.0?", b);

        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        assertEquals("no Release Ledger/Approve", 403, post(reader, "release-ledger/approve?id=" + id).getWebResponse().getStatusCode());
        JenkinsRule.WebClient bob = r.createWebClient().login("bob");
        bob.setThrowExceptionOnFailingStatusCode(false);
        assertEquals("GET is refused", 405, bob.goTo("release-ledger/approve?id=" + id, null).getWebResponse().getStatusCode());
        Page approved = post(bob, "release-ledger/approve?id=" + id + "&comment=ship%20it");
        assertEquals(approved.getWebResponse().getContentAsString(), 200, approved.getWebResponse().getStatusCode());

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("gate passed: APPROVED by [bob]", b);
        assertEquals("already settled comes before the permission check", 409,
                post(reader, "release-ledger/reject?id=" + id).getWebResponse().getStatusCode());
        assertEquals(404, post(bob, "release-ledger/approve?id=999999").getWebResponse().getStatusCode());
    }

    @Test
    public void groupMembersApproveAndTheBuildPageShowsTheRelease() throws Exception {
        WorkflowRun b = gateWaiting();
        long id = releaseId(b);
        JenkinsRule.WebClient wc = r.createWebClient().login("reader");
        String buildPage = wc.getPage(b).asNormalizedText();
        assertTrue(buildPage, buildPage.contains("Release " + id));
        assertTrue(buildPage, buildPage.contains("Waiting for approval"));

        JenkinsRule.WebClient erin = r.createWebClient().login("erin");
        assertEquals(200, post(erin, "release-ledger/approve?id=" + id).getWebResponse().getStatusCode());
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertEquals(ReleaseState.APPROVED, PluginLedger.get().release(id).state());
    }

    @Test
    public void aRejectionFailsTheBuild() throws Exception {
        WorkflowRun b = gateWaiting();
        JenkinsRule.WebClient bob = r.createWebClient().login("bob");
        assertEquals(200, post(bob, "release-ledger/reject?id=" + releaseId(b) + "&comment=not%20today").getWebResponse().getStatusCode());
        r.assertBuildStatus(hudson.model.Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains("ended REJECTED", b);
    }

    @Test
    public void stoppingTheBuildAbortsTheRequest() throws Exception {
        WorkflowRun b = gateWaiting();
        b.doStop();
        r.waitForCompletion(b);
        assertEquals(ReleaseState.ABORTED, PluginLedger.get().release(releaseId(b)).state());
    }

    @Test
    public void theShellMountsTheConsoleWithCrumbAndApiInDataAttributes() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("reader");
        HtmlPage page = wc.goTo("release-ledger/");
        DomElement mount = page.getElementById("release-ledger");
        assertNotNull(mount);
        assertEquals(r.contextPath + "/release-ledger/api/", mount.getAttribute("data-api"));
        assertFalse(mount.getAttribute("data-crumb").isEmpty());
        assertEquals("Jenkins-Crumb", mount.getAttribute("data-crumb-field"));
        assertEquals("false", mount.getAttribute("data-may-approve"));
        assertEquals(2, page.getByXPath("//script[@type='module'][contains(@src, '/release-ledger/')]").size());
        // Jenkins' layout: the app bar (the console writes each view's title into its heading), the side panel's
        // tasks, and the breadcrumb bar the console appends its crumbs to.
        assertEquals("Releases", page.querySelector(".jenkins-app-bar h1").asNormalizedText());
        assertNotNull(page.querySelector(".jenkins-app-bar__controls #rl-actions"));
        assertNotNull(page.querySelector(mount.getAttribute("data-title-target")));
        assertNotNull(page.querySelector(mount.getAttribute("data-crumbs-target") + " > li." + mount.getAttribute("data-crumb-class")));
        List<String> tasks = new java.util.ArrayList<>();
        for (DomElement task : page.querySelectorAll("#tasks a.task-link").stream().map(DomElement.class::cast).toList()) {
            tasks.add(task.asNormalizedText() + " " + task.getAttribute("href"));
        }
        assertEquals(List.of("Dashboard " + r.contextPath + "/release-ledger/#/",
                "History of staging " + r.contextPath + "/release-ledger/#/environments/staging",
                "JSON API " + r.contextPath + "/release-ledger/api/dashboard"), tasks);
    }

    @Test
    public void theJsonApiAndFilesAreServedToReaders() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("reader");
        Page dashboard = wc.goTo("release-ledger/api/dashboard", "application/json");
        assertTrue(dashboard.getWebResponse().getContentAsString().contains("\"environments\""));
        assertEquals("text/javascript", wc.goTo("release-ledger/app.js", "text/javascript").getWebResponse().getContentType());
        wc.goTo("release-ledger/jenkins-actions.js", "text/javascript");

        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy());
        JenkinsRule.WebClient nobody = r.createWebClient().login("reader");
        nobody.setThrowExceptionOnFailingStatusCode(false);
        assertEquals(403, nobody.goTo("release-ledger/api/dashboard", null).getWebResponse().getStatusCode());
    }

    @Test
    public void rollbackNeedsRollbackAndBuildOnTheDeployingJob() throws Exception {
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        assertEquals("no Release Ledger/Rollback", 403, post(reader, "release-ledger/rollback?id=1").getWebResponse().getStatusCode());
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        assertEquals("unknown release", 404, post(admin, "release-ledger/rollback?id=999999").getWebResponse().getStatusCode());
    }
}
