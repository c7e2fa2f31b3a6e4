package io.releaseledger.plugin;

import hudson.AbortException;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.HealthSample;
import io.releaseledger.ledger.EventType;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.plugin.credentials.ResolvedCredential;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/**
 * deployRelease and rollbackRelease driven for real, offline: a real H2 ledger, a real HTTP service probed on
 * 127.0.0.1, the block run by a fake step context the way Pipeline runs it, and every wait a timer.
 */
public class ReleaseStepExecutionTest {
    static final String TOKEN = "tok-3f9a-secret";
    static final String PASSWORD = "pw-77-hunter";

    private TestHost host;

    @Before
    public void setUp() throws Exception {
        host = new TestHost(EnvironmentPolicy.builder("staging", 1)
                .credential("API_TOKEN", "api-token")
                .credential("DB", "db-login")
                .credential("KUBECONFIG", "kubeconfig")
                .build());
        host.credentials.put("api-token", new ResolvedCredential.SecretText(TOKEN));
        host.credentials.put("db-login", new ResolvedCredential.UsernamePassword("deployer", PASSWORD));
        host.credentials.put("kubeconfig", new ResolvedCredential.SecretFile("kubeconfig",
                "apiVersion: v1\n".getBytes(StandardCharsets.UTF_8)));
    }

    @After
    public void tearDown() throws Exception {
        host.close();
    }

    DeployReleaseStep deploy(String version, String interval, int successThreshold) {
        DeployReleaseStep step = new DeployReleaseStep("staging", "payments-api", version);
        HttpCheckSpec check = new HttpCheckSpec(host.healthUrl());
        check.setJsonPointer("/status");
        check.setJsonValue("UP");
        step.setHealthChecks(List.of(check));
        VerificationSettings v = new VerificationSettings();
        v.setInterval(interval);
        v.setSuccessThreshold(successThreshold);
        v.setFailureThreshold(2);
        v.setProbeTimeout("2s");
        v.setMaxDuration("20s");
        step.setVerification(v);
        return step;
    }

    /** The user's deploy: the service answers healthy unless the version is {@code broken}. */
    FakeStepContext.Block service(String broken) {
        return (env, log, invocation) -> {
            log.println("deploying " + env.get("RELEASE_ARTIFACT_VERSION") + " token=" + env.get("API_TOKEN")
                    + " db=" + env.get("DB_PSW"));
            host.health.set(env.get("RELEASE_ARTIFACT_VERSION").equals(broken) ? 503 : 200);
        };
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Test
    public void deploysToLiveWithTheReleaseVariablesAndMaskedCredentials() throws Exception {
        List<String> kubeconfig = new ArrayList<>();
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> {
            Path file = Path.of(env.get("KUBECONFIG"));
            kubeconfig.add(file + " " + Files.readString(file));
            service("none").run(env, log, invocation);
        });
        StepExecution execution = deploy("1.0.0", "100ms", 2).start(context);
        assertFalse("asynchronous: start returns at once", execution.start());

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals("LIVE", result.get("state"));
        assertEquals("1.0.0", result.get("version"));
        assertEquals("deploy", result.get("mode"));
        long id = (Long) result.get("releaseId");

        assertEquals(1, context.invocations.size());
        Map<String, String> env = context.invocations.get(0).env;
        assertEquals("staging", env.get("RELEASE_ENVIRONMENT"));
        assertEquals(Long.toString(id), env.get("RELEASE_ID"));
        assertEquals("payments-api", env.get("RELEASE_ARTIFACT_NAME"));
        assertEquals("1.0.0", env.get("RELEASE_ARTIFACT_VERSION"));
        assertEquals(host.ledger.artifact("payments-api", "1.0.0").orElseThrow().digest().value(),
                env.get("RELEASE_ARTIFACT_DIGEST"));
        assertEquals("s3://builds/payments-api-1.0.0.jar", env.get("RELEASE_ARTIFACT_LOCATION"));
        assertEquals("deploy", env.get("RELEASE_MODE"));
        assertEquals("7", env.get("BUILD_NUMBER")); // merged with the build's environment
        assertEquals(TOKEN, env.get("API_TOKEN"));
        assertEquals("deployer:" + PASSWORD, env.get("DB"));
        assertEquals("deployer", env.get("DB_USR"));
        assertEquals(PASSWORD, env.get("DB_PSW"));
        assertThat(kubeconfig.get(0), containsString("apiVersion: v1"));
        assertFalse("the secret file is deleted after the body", Files.exists(Path.of(env.get("KUBECONFIG"))));

        String log = context.log();
        assertThat(log, containsString("token=**** db=****"));
        assertThat(log, not(containsString(TOKEN)));
        assertThat(log, not(containsString(PASSWORD)));
        assertThat(log, containsString("→ LIVE"));
        assertEquals("listed on the build's page", Map.of(id, ""), host.buildPage);

        Release release = host.ledger.release(id);
        assertEquals(ReleaseState.LIVE, release.state());
        List<HealthSample> samples = host.ledger.samples(id, ReleaseMode.DEPLOY);
        assertEquals(List.of(1, 2), samples.stream().map(HealthSample::round).toList());
        assertEquals(2, host.probesSent.get());
        assertTrue("lease given back", host.ledger.currentLease("staging").isEmpty());
        List<String> events = new ArrayList<>();
        host.ledger.exportEvents(0, e -> events.add(new String(e.canonicalBytes(), StandardCharsets.UTF_8)));
        for (String event : events) {
            assertThat(event, not(containsString(TOKEN)));
            assertThat(event, not(containsString(PASSWORD)));
        }
    }

    @Test
    public void aFailingVerificationRollsBackByInvokingTheBodyAgainInRollbackMode() throws Exception {
        FakeStepContext first = new FakeStepContext(service("2.0.0"));
        deploy("1.0.0", "100ms", 2).start(first).start();
        first.await();

        FakeStepContext second = new FakeStepContext(service("2.0.0"));
        deploy("2.0.0", "100ms", 2).start(second).start();
        Throwable failure = second.awaitFailure();
        assertThat(failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("deployRelease: release"));
        assertThat(failure.getMessage(), containsString("ended ROLLED_BACK"));

        assertEquals(2, second.invocations.size());
        assertEquals("deploy", second.invocations.get(0).env.get("RELEASE_MODE"));
        assertEquals("2.0.0", second.invocations.get(0).env.get("RELEASE_ARTIFACT_VERSION"));
        assertEquals("rollback", second.invocations.get(1).env.get("RELEASE_MODE"));
        assertEquals("1.0.0", second.invocations.get(1).env.get("RELEASE_ARTIFACT_VERSION"));
        assertEquals(second.invocations.get(0).env.get("RELEASE_ID"), second.invocations.get(1).env.get("RELEASE_ID"));

        long id = Long.parseLong(second.invocations.get(0).env.get("RELEASE_ID"));
        assertEquals(ReleaseState.ROLLED_BACK, host.ledger.release(id).state());
        assertEquals(2, host.ledger.samples(id, ReleaseMode.DEPLOY).size());
        assertEquals(2, host.ledger.samples(id, ReleaseMode.ROLLBACK).size());
        assertTrue(host.ledger.currentLease("staging").isEmpty());
        assertThat(second.log(), containsString("RELEASE_MODE=rollback"));
    }

    @Test
    public void stopRecordsAbortedReleasesTheLeaseAndCancelsTheBody() throws Exception {
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> invocation.cancelled.await());
        StepExecution execution = deploy("1.0.0", "100ms", 2).start(context);
        execution.start();
        waitFor("the body to start", () -> !context.invocations.isEmpty());
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));
        assertEquals(ReleaseState.DEPLOYING, host.ledger.release(id).state());
        assertTrue(host.ledger.currentLease("staging").isPresent());
        assertThat(execution.getStatus(), containsString("running the deploy body"));

        AbortException cause = new AbortException("stopped by alice");
        execution.stop(cause);
        assertSame(cause, context.awaitFailure());
        Release release = host.ledger.release(id);
        assertEquals(ReleaseState.ABORTED, release.state());
        assertThat(release.reason(), containsString("stopped by alice"));
        assertTrue("lease freed", host.ledger.currentLease("staging").isEmpty());
        assertNotNull(context.invocations.get(0).cancelCause);
        Thread.sleep(300);
        assertEquals("never retried", 1, context.invocations.size());
        assertEquals(ReleaseState.ABORTED, host.ledger.release(id).state());
    }

    @Test
    public void aLostLeaseCancelsTheBodyAndRecordsTheReleaseInterrupted() throws Exception {
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> invocation.cancelled.await());
        StepExecution execution = deploy("1.0.0", "100ms", 2).start(context);
        execution.start();
        waitFor("the body to start", () -> !context.invocations.isEmpty());
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));
        assertEquals("1", context.invocations.get(0).env.get("RELEASE_LEASE_TOKEN"));
        // The lease is taken away (as when it expired and another controller took it): the next renewal fails.
        assertTrue(host.ledger.releaseLease(host.ledger.currentLease("staging").orElseThrow(), TestHost.CI));

        Throwable failure = context.awaitFailure();
        assertThat(failure.getMessage(), containsString("lost the lease on staging for release " + id));
        assertTrue("the body was cancelled", context.invocations.get(0).cancelled.await(10, TimeUnit.SECONDS));
        assertEquals(ReleaseState.INTERRUPTED, host.ledger.release(id).state());
    }

    /**
     * Starts a deploy whose first probe the service holds until the test lets it go ({@link TestHost#healthHeld});
     * returns once that probe is being held. The probe's timeout is longer than the service ever holds a request, so
     * only the test ends the round.
     */
    private StepExecution deployWithAHeldProbe(FakeStepContext context) throws Exception {
        DeployReleaseStep step = deploy("1.0.0", "100ms", 2);
        step.getVerification().setProbeTimeout("60s");
        step.getVerification().setMaxDuration("5m");
        host.healthHeld = new CountDownLatch(1);
        StepExecution execution = step.start(context);
        execution.start();
        waitFor("a round probing the held service", () -> host.healthRequestsHeld.get() == 1);
        return execution;
    }

    private static long releaseId(FakeStepContext context) {
        return Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));
    }

    private List<LedgerEvent> stateChanges(long id) {
        return host.ledger.events(0, 1000).stream()
                .filter(e -> e.type() == EventType.RELEASE_STATE_CHANGED && Long.valueOf(id).equals(e.releaseId()))
                .toList();
    }

    @Test
    public void stopDuringASlowProbeRoundReturnsAtOnceAndRecordsAborted() throws Exception {
        FakeStepContext context = new FakeStepContext(service("none"));
        StepExecution execution = deployWithAHeldProbe(context);
        long id = releaseId(context);

        AbortException cause = new AbortException("stopped by alice");
        execution.stop(cause);
        assertEquals("stop returned while the service still held the round's probe", 1, host.healthRequestsHeld.get());
        assertSame(cause, context.awaitFailure());
        assertEquals("the abort did not wait for the round either", 1, host.healthRequestsHeld.get());
        Release release = host.ledger.release(id);
        assertEquals(ReleaseState.ABORTED, release.state());
        assertThat(release.reason(), containsString("stopped by alice"));
        assertTrue("lease freed", host.ledger.currentLease("staging").isEmpty());
        host.healthHeld.countDown();
    }

    @Test
    public void getStatusAnswersWhileARoundIsProbing() throws Exception {
        FakeStepContext context = new FakeStepContext(service("none"));
        StepExecution execution = deployWithAHeldProbe(context);
        assertThat(execution.getStatus(), containsString("verifying: probing round 1"));
        host.healthHeld.countDown();
        context.await();
    }

    @Test
    public void aSafeRestartWaitsForARoundsProbesOnly() throws Exception {
        FakeStepContext context = new FakeStepContext(service("none"));
        StepExecution execution = deployWithAHeldProbe(context);
        assertTrue("probes out", execution.blocksRestart());
        host.healthHeld.countDown();
        context.await();
        assertFalse("settled", execution.blocksRestart());
    }

    @Test
    public void aRoundThatComesBackAfterStopIsDropped() throws Exception {
        FakeStepContext context = new FakeStepContext(service("none"));
        StepExecution execution = deployWithAHeldProbe(context);
        long id = releaseId(context);
        execution.stop(new AbortException("stopped by alice"));
        context.awaitFailure();
        List<LedgerEvent> atAbort = stateChanges(id);

        host.healthHeld.countDown();
        waitFor("the held round to come back", () -> context.log().contains("round 1 came back after the step was stopped"));
        assertThat(context.log(), containsString("its outcome is dropped"));
        assertEquals(ReleaseState.ABORTED, host.ledger.release(id).state());
        assertEquals("no transition after ABORTED", atAbort, stateChanges(id));
        assertEquals("the late round's samples were refused", List.of(),
                host.ledger.samples(id, io.releaseledger.release.ReleaseMode.DEPLOY));
        assertTrue(host.ledger.verifyChain().intact());
    }

    @Test
    public void probeRoundsNeverRunOnTheScheduler() throws Exception {
        FakeStepContext context = new FakeStepContext(service("none"));
        deploy("1.0.0", "100ms", 2).start(context).start();
        context.await();
        assertEquals(2, host.probeThreads.size());
        for (String thread : host.probeThreads) {
            assertThat(thread, startsWith(TestHost.BLOCKING_THREADS));
        }
    }

    @Test
    public void theBodysOutcomeIsHandledOnThePoolForBlockingWorkNotInItsCallback() throws Exception {
        // No checks: the body's success takes the release to LIVE, so whoever handles the callback ends the step.
        DeployReleaseStep step = new DeployReleaseStep("staging", "payments-api", "1.0.0");
        FakeStepContext context = new FakeStepContext(service("none"));
        step.start(context).start();
        context.await();
        assertThat(context.completedOn, startsWith(TestHost.BLOCKING_THREADS));
    }

    @Test
    public void aBodyInterruptedByAStoppedBuildIsAnAbortNotARollback() throws Exception {
        FakeStepContext first = new FakeStepContext(service("none"));
        deploy("1.0.0", "100ms", 1).start(first).start();
        first.await();
        InterruptedException interruption = new InterruptedException("aborted by alice");
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> {
            throw interruption; // what Pipeline reports when it stops the body's innermost step
        });
        deploy("2.0.0", "100ms", 1).start(context).start();
        assertSame(interruption, context.awaitFailure());
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));
        assertEquals(ReleaseState.ABORTED, host.ledger.release(id).state());
        assertEquals("no rollback body", 1, context.invocations.size());
        assertTrue(host.ledger.currentLease("staging").isEmpty());
    }

    @Test
    public void rollbackReleaseRedeploysTheKnownGoodVersionInRollbackMode() throws Exception {
        for (String v : List.of("1.0.0", "2.0.0")) {
            FakeStepContext c = new FakeStepContext(service("none"));
            deploy(v, "100ms", 1).start(c).start();
            c.await();
        }
        RollbackReleaseStep step = new RollbackReleaseStep("staging");
        step.setHealthChecks(List.of(new HttpCheckSpec(host.healthUrl())));
        VerificationSettings v = new VerificationSettings();
        v.setInterval("100ms");
        v.setSuccessThreshold(1);
        step.setVerification(v);
        FakeStepContext context = new FakeStepContext(service("none"));
        step.start(context).start();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals("LIVE", result.get("state"));
        assertEquals("1.0.0", result.get("version"));
        assertEquals("rollback", result.get("mode"));
        assertEquals("rollback", context.invocations.get(0).env.get("RELEASE_MODE"));
        assertEquals("1.0.0", context.invocations.get(0).env.get("RELEASE_ARTIFACT_VERSION"));
        assertEquals("the two deploys and the rollback are on the build's page", 3, host.buildPage.size());
        assertTrue(host.buildPage.containsKey((Long) result.get("releaseId")));
    }

    /** Two releases of staging went live: 1.0.0, then 2.0.0. Returns 1.0.0's release. */
    private Release twoLiveReleases() throws Exception {
        for (String v : List.of("1.0.0", "2.0.0")) {
            FakeStepContext c = new FakeStepContext(service("none"));
            deploy(v, "100ms", 1).start(c).start();
            c.await();
        }
        host.buildPage.clear();
        return host.ledger.history("staging", null, 10).releases().stream()
                .filter(r -> r.version().equals("1.0.0")).findFirst().orElseThrow();
    }

    @Test
    public void aBuildScheduledByRollBackOnTheReleasesPageRollsBackInsteadOfDeploying() throws Exception {
        Release target = twoLiveReleases();
        host.rollbackRequested = new RollbackRequestAction("staging", "payments-api", "1.0.0", target.id(), "alice");

        // The pipeline is unchanged: it still names 2.0.0, which is live.
        FakeStepContext context = new FakeStepContext(service("none"));
        deploy("2.0.0", "100ms", 1).start(context).start();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals("rollback", result.get("mode"));
        assertEquals("1.0.0", result.get("version"));
        assertEquals("LIVE", result.get("state"));

        assertEquals("the body ran once, as a rollback", 1, context.invocations.size());
        Map<String, String> env = context.invocations.get(0).env;
        assertEquals("rollback", env.get("RELEASE_MODE"));
        assertEquals("1.0.0", env.get("RELEASE_ARTIFACT_VERSION"));
        assertEquals(target.digest().value(), env.get("RELEASE_ARTIFACT_DIGEST"));
        assertEquals("bindings as for a deploy", TOKEN, env.get("API_TOKEN"));

        long id = (Long) result.get("releaseId");
        Release release = host.ledger.release(id);
        assertEquals(ReleaseMode.ROLLBACK, release.mode());
        assertEquals("the person who clicked Roll back requested it", "alice", release.initiator());
        assertEquals(ReleaseState.LIVE, release.state());
        assertEquals(1, host.ledger.samples(id, ReleaseMode.DEPLOY).size() + host.ledger.samples(id, ReleaseMode.ROLLBACK).size());
        assertEquals(Map.of(id, "rollback requested by alice from the Releases page"), host.buildPage);
        assertThat(context.log(), containsString("this build was scheduled from the Releases page: rollback of staging to"
                + " payments-api 1.0.0 (release " + target.id() + "), requested by alice"));
        assertTrue(host.ledger.currentLease("staging").isEmpty());
    }

    @Test
    public void aPageRollbackForAnotherEnvironmentLeavesThisDeployAlone() throws Exception {
        host.rollbackRequested = new RollbackRequestAction("production", "payments-api", "1.0.0", 1, "alice");
        FakeStepContext context = new FakeStepContext(service("none"));
        deploy("1.0.0", "100ms", 1).start(context).start();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals("deploy", result.get("mode"));
        assertEquals("deploy", context.invocations.get(0).env.get("RELEASE_MODE"));
        assertEquals(Map.of((Long) result.get("releaseId"), ""), host.buildPage);
        assertThat(context.log(), not(containsString("Releases page")));
    }

    @Test
    public void aPageRollbackToAVersionNeverLiveThereFailsWithOneLineAndRecordsNothing() throws Exception {
        FakeStepContext first = new FakeStepContext(service("none"));
        deploy("1.0.0", "100ms", 1).start(first).start();
        first.await();
        host.buildPage.clear();
        host.rollbackRequested = new RollbackRequestAction("staging", "payments-api", "2.0.0", 99, "alice");
        FakeStepContext context = new FakeStepContext(service("none"));
        deploy("1.0.0", "100ms", 1).start(context).start();
        Throwable e = context.awaitFailure();
        assertThat(e, instanceOf(AbortException.class));
        assertThat(e.getMessage(), startsWith("deployRelease: to "));
        assertThat(e.getMessage(), containsString("payments-api 2.0.0 was never live in staging"));
        assertFalse("one line", e.getMessage().contains("\n"));
        assertTrue(context.invocations.isEmpty());
        assertTrue(host.buildPage.isEmpty());
        assertEquals(1, host.ledger.history("staging", null, 10).releases().size());
    }

    @Test
    public void aMissingCredentialIsRefusedBeforeAnythingIsRecorded() throws Exception {
        host.credentials.remove("db-login");
        FakeStepContext context = new FakeStepContext(service("none"));
        deploy("1.0.0", "100ms", 1).start(context).start();
        Throwable e = context.awaitFailure();
        assertThat(e, instanceOf(AbortException.class));
        assertThat(e.getMessage(), containsString("deployRelease: environments.staging.credentials.DB"));
        assertThat(e.getMessage(), containsString("db-login"));
        assertTrue(context.invocations.isEmpty());
        assertTrue(host.ledger.history("staging", null, 10).releases().isEmpty());
    }

    @Test
    public void aSecretFileOutsideNodeIsRefusedWithTheFix() throws Exception {
        host.workspace = false;
        FakeStepContext context = new FakeStepContext(service("none"));
        deploy("1.0.0", "100ms", 1).start(context).start();
        Throwable e = context.awaitFailure();
        assertThat(e.getMessage(), containsString("KUBECONFIG"));
        assertThat(e.getMessage(), containsString("inside node"));
    }
}
