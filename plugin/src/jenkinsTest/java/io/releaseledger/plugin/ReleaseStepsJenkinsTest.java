package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import hudson.util.Secret;
import io.releaseledger.health.HealthSample;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * deployRelease, rollbackRelease and verifyHealth in real Pipelines (needs the Jenkins repository; run with
 * -Pjenkins). The "service" is an HTTP server on 127.0.0.1: the deploy body tells it which version it runs, and
 * it answers 503 for the version a test breaks.
 */
public class ReleaseStepsJenkinsTest {
    static final String HELLO = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    static final String WORLD = "sha256:486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7";
    static final String TOKEN = "s3cr3t-deploy-token";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    static final AtomicReference<String> running = new AtomicReference<>("none");
    static volatile String broken = "none";
    private HttpServer service;

    @Before
    public void service() throws Exception {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/deploy", exchange -> {
            running.set(exchange.getRequestURI().getQuery().replace("version=", ""));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        service.createContext("/health", exchange -> {
            boolean up = !running.get().equals(broken);
            byte[] body = (up ? "UP" : "DOWN").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
    }

    @After
    public void stopService() {
        service.stop(0);
    }

    String base() {
        return "http://127.0.0.1:" + service.getAddress().getPort();
    }

    void stagingWithAToken() throws Exception {
        ReleaseEnvironment staging = new ReleaseEnvironment("staging");
        staging.setCredentials(List.of(new CredentialBindingEntry("API_TOKEN", "deploy-token")));
        ReleaseLedgerConfiguration.get().setEnvironments(List.of(staging));
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "deploy-token", "deploy token", Secret.fromString(TOKEN)));
        SystemCredentialsProvider.getInstance().save();
    }

    /** Not sandboxed: the body calls the test service directly. */
    WorkflowJob pipeline(String name, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, false));
        return job;
    }

    String deploy(String version) {
        return "registerArtifact name: 'payments-api', version: '" + version + "', digest: '"
                + (version.equals("1.0.0") ? HELLO : WORLD) + "'\n"
                + "def r = deployRelease(environment: 'staging', artifact: 'payments-api', version: '" + version + "',\n"
                + "    healthChecks: [httpCheck(url: '" + base() + "/health', bodyRegex: 'UP')],\n"
                + "    verification: [interval: '1s', successThreshold: 2, failureThreshold: 2, maxDuration: '1m']) {\n"
                + "  echo \"mode=${env.RELEASE_MODE} version=${env.RELEASE_ARTIFACT_VERSION} id=${env.RELEASE_ID} token=${env.API_TOKEN}\"\n"
                + "  new URL('" + base() + "/deploy?version=' + env.RELEASE_ARTIFACT_VERSION).text\n"
                + "}\n"
                + "echo \"state=${r.state} release=${r.releaseId}\"\n";
    }

    @Test
    public void deploysToLiveWithVariablesAndAMaskedCredentialHoldingNoExecutor() throws Exception {
        stagingWithAToken();
        WorkflowRun b = r.buildAndAssertSuccess(pipeline("payments", deploy("1.0.0")));
        r.assertLogContains("mode=deploy version=1.0.0", b);
        r.assertLogContains("token=****", b);
        r.assertLogNotContains(TOKEN, b);
        r.assertLogContains("state=LIVE", b);
        Release live = PluginLedger.get().history("staging", null, 1).releases().get(0);
        assertEquals(ReleaseState.LIVE, live.state());
        List<HealthSample> samples = PluginLedger.get().samples(live.id(), ReleaseMode.DEPLOY);
        assertEquals(2, samples.size());
        assertTrue(PluginLedger.get().currentLease("staging").isEmpty());
    }

    @Test
    public void anUnhealthyDeployIsRolledBackByRunningTheBodyAgain() throws Exception {
        stagingWithAToken();
        broken = "2.0.0";
        r.buildAndAssertSuccess(pipeline("first", deploy("1.0.0")));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, pipeline("second", deploy("2.0.0")));
        r.assertLogContains("mode=deploy version=2.0.0", b);
        r.assertLogContains("mode=rollback version=1.0.0", b);
        r.assertLogContains("ended ROLLED_BACK", b);
        r.assertLogNotContains("\tat io.releaseledger", b);
        assertEquals("1.0.0", running.get());
        broken = "none";
    }

    @Test
    public void rollbackReleaseGoesBackToANamedVersion() throws Exception {
        stagingWithAToken();
        r.buildAndAssertSuccess(pipeline("first", deploy("1.0.0")));
        r.buildAndAssertSuccess(pipeline("second", deploy("2.0.0")));
        WorkflowRun b = r.buildAndAssertSuccess(pipeline("back", "def r = rollbackRelease(environment: 'staging', to: '1.0.0',\n"
                + "    healthChecks: [httpCheck(url: '" + base() + "/health')], verification: [interval: '1s', successThreshold: 1]) {\n"
                + "  echo \"mode=${env.RELEASE_MODE} version=${env.RELEASE_ARTIFACT_VERSION}\"\n"
                + "  new URL('" + base() + "/deploy?version=' + env.RELEASE_ARTIFACT_VERSION).text\n"
                + "}\n"
                + "echo \"state=${r.state} version=${r.version}\""));
        r.assertLogContains("mode=rollback version=1.0.0", b);
        r.assertLogContains("state=LIVE version=1.0.0", b);
    }

    @Test
    public void stoppingTheBuildAbortsTheReleaseAndFreesTheLease() throws Exception {
        stagingWithAToken();
        WorkflowJob job = pipeline("stopped", "registerArtifact name: 'payments-api', version: '1.0.0', digest: '" + HELLO + "'\n"
                + "deployRelease(environment: 'staging', artifact: 'payments-api', version: '1.0.0') {\n"
                + "  echo 'body started'\n"
                + "  sleep 120\n"
                + "}");
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("body started", b);
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        Release release = PluginLedger.get().history("staging", null, 1).releases().get(0);
        assertEquals(ReleaseState.ABORTED, release.state());
        assertTrue(PluginLedger.get().currentLease("staging").isEmpty());
    }

    @Test
    public void verifyHealthRunsItsProbesOnTheAgentAndReturnsTheVerdict() throws Exception {
        r.createSlave("agent", null, null);
        WorkflowRun b = r.buildAndAssertSuccess(pipeline("verify", "node('agent') {\n"
                + "  def v = verifyHealth healthChecks: [httpCheck(url: '" + base() + "/health')],\n"
                + "      verification: [interval: '1s', successThreshold: 2]\n"
                + "  echo \"verdict=${v.verdict} healthy=${v.healthy} rounds=${v.rounds}\"\n"
                + "}"));
        r.assertLogContains("verdict=HEALTHY healthy=true rounds=2", b);
    }

    @Test
    public void anUnknownEnvironmentFailsWithOneLine() throws Exception {
        stagingWithAToken();
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, pipeline("typo",
                "registerArtifact name: 'payments-api', version: '1.0.0', digest: '" + HELLO + "'\n"
                        + "deployRelease(environment: 'prodution', artifact: 'payments-api', version: '1.0.0') { echo 'never' }"));
        r.assertLogContains("deployRelease: ", b);
        r.assertLogContains("prodution", b);
        r.assertLogNotContains("never", b);
        r.assertLogNotContains("\tat io.releaseledger", b);
    }
}
