package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import io.releaseledger.health.HealthSample;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.net.InetSocketAddress;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * A controller restart in the middle of a verification (needs the Jenkins repository; run with -Pjenkins): the
 * resumed deployRelease re-reads its release from the ledger, keeps the samples taken before the restart, does
 * not run the body again, and goes LIVE.
 */
public class DeployReleaseRestartJenkinsTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    private static HttpServer service;

    @BeforeClass
    public static void service() throws Exception {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        service.start();
    }

    @AfterClass
    public static void stopService() {
        service.stop(0);
    }

    @Test
    public void aRestartMidVerificationContinuesFromTheRecordedSamples() throws Throwable {
        String url = "http://127.0.0.1:" + service.getAddress().getPort() + "/health";
        sessions.then(r -> {
            ReleaseLedgerConfiguration.get().setEnvironments(List.of(new ReleaseEnvironment("staging")));
            WorkflowJob job = r.createProject(WorkflowJob.class, "payments");
            job.setDefinition(new CpsFlowDefinition("registerArtifact name: 'payments-api', version: '1.0.0', digest: 'sha256:"
                    + "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'\n"
                    + "def r = deployRelease(environment: 'staging', artifact: 'payments-api', version: '1.0.0',\n"
                    + "    healthChecks: [httpCheck(url: '" + url + "')],\n"
                    + "    verification: [interval: '5s', successThreshold: 3, maxDuration: '2m']) {\n"
                    + "  echo 'the deploy body ran'\n"
                    + "}\n"
                    + "echo \"state=${r.state}\"", true));
            WorkflowRun b = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("the deploy body ran", b);
            Release release = waitForFirstSample();
            assertEquals(ReleaseState.VERIFYING, release.state());
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("payments", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatus(Result.SUCCESS, r.waitForCompletion(b));
            r.assertLogContains("resuming release", b);
            r.assertLogContains("state=LIVE", b);
            String log = JenkinsRule.getLog(b);
            assertEquals("the body ran once", log.indexOf("the deploy body ran"), log.lastIndexOf("the deploy body ran"));
            Release release = PluginLedger.get().history("staging", null, 1).releases().get(0);
            List<HealthSample> samples = PluginLedger.get().samples(release.id(), ReleaseMode.DEPLOY);
            assertEquals(List.of(1, 2, 3), samples.stream().map(HealthSample::round).toList());
            assertTrue(PluginLedger.get().currentLease("staging").isEmpty());
        });
    }

    /**
     * A durable body ({@code sh} on the built-in node) runs on while the controller restarts: the shutdown keeps the
     * environment's lease for {@link LedgerLifecycle#RESTART_ALLOWANCE}, so no other controller deploys meanwhile, and
     * the resumed step takes it back with the same fencing token and finishes.
     */
    @Test
    public void aNormalRestartKeepsTheLeaseWhileADurableBodyRunsOn() throws Throwable {
        java.nio.file.Path[] home = new java.nio.file.Path[1];
        long[] token = new long[1];
        sessions.then(r -> {
            home[0] = r.jenkins.getRootDir().toPath();
            ReleaseLedgerConfiguration.get().setEnvironments(List.of(new ReleaseEnvironment("staging")));
            WorkflowJob job = r.createProject(WorkflowJob.class, "payments");
            job.setDefinition(new CpsFlowDefinition("registerArtifact name: 'payments-api', version: '1.0.0', digest: 'sha256:"
                    + "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'\n"
                    + "node {\n"
                    + "  deployRelease(environment: 'staging', artifact: 'payments-api', version: '1.0.0') {\n"
                    + "    sh 'echo token=$RELEASE_LEASE_TOKEN; sleep 20; echo the body finished'\n"
                    + "  }\n"
                    + "}", true));
            WorkflowRun b = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("token=", b);
            token[0] = PluginLedger.get().currentLease("staging").orElseThrow().token();
        });
        // Between the sessions Jenkins is down: the lease it held must reach well beyond its 60 s term.
        try (io.releaseledger.ledger.Ledger ledger = io.releaseledger.ledger.Ledger.open(
                io.releaseledger.ledger.LedgerConfig.embedded(home[0].resolve("release-ledger")))) {
            io.releaseledger.ledger.Lease kept = ledger.currentLease("staging").orElseThrow();
            assertTrue("kept for the restart: " + kept, kept.expiresAt().isAfter(ledger.now().plus(java.time.Duration.ofMinutes(10))));
        }
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("payments", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatus(Result.SUCCESS, r.waitForCompletion(b));
            r.assertLogContains("the body finished", b);
            Release release = PluginLedger.get().history("staging", null, 1).releases().get(0);
            assertEquals(ReleaseState.LIVE, release.state());
            assertEquals(java.util.Optional.of(token[0]), PluginLedger.get().leaseToken(release.id()));
        });
    }

    private static Release waitForFirstSample() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<Release> releases = PluginLedger.get().history("staging", null, 1).releases();
            if (!releases.isEmpty() && !PluginLedger.get().samples(releases.get(0).id(), ReleaseMode.DEPLOY).isEmpty()) {
                return PluginLedger.get().release(releases.get(0).id());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no sample was recorded within a minute");
    }
}
