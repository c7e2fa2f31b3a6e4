package io.releaseledger.plugin;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.releaseledger.approval.Decision;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.HealthSample;
import io.releaseledger.ledger.Actor;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.engine.ReleaseApprovals;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Program state as Pipeline keeps it, through JBoss Marshalling River ({@link River}, {@link TestHost.Restart}): every
 * step execution that waits — mid-verification ({@code verifyHealth}, {@code deployRelease}, {@code rollbackRelease}),
 * mid-approval ({@code approvalGate}, {@code deployRelease}), with its block running — is written and read back
 * across a safe restart and across a crash, and carries on correctly: no round taken again, no block run again, no
 * decision lost. Everything written (the executions, their blocks' callbacks, what they keep) is of public types of
 * the plugin with {@code serialVersionUID = 1L} or the JDK's; the values the steps return to the script, which live on
 * in the program as variables, are the JDK's only and read back equal.
 */
public class ProgramStateTest {
    private static final Actor BOB = new Actor("bob", "https://ci.example.com/user/bob");

    private TestHost host;

    @Before
    public void setUp() throws Exception {
        host = new TestHost(EnvironmentPolicy.builder("staging", 1).build(),
                EnvironmentPolicy.builder("production", 2).approval(new ApprovalPolicy(1, Set.of(new Approver.User("bob")),
                        false, Duration.ofHours(1))).build());
    }

    @After
    public void tearDown() throws Exception {
        host.close();
    }

    private VerificationSettings verification(String interval, int success) {
        VerificationSettings v = new VerificationSettings();
        v.setInterval(interval);
        v.setSuccessThreshold(success);
        v.setFailureThreshold(2);
        v.setProbeTimeout("2s");
        v.setMaxDuration("20s");
        return v;
    }

    private DeployReleaseStep deploy(String environment, String version, String interval, int success) {
        DeployReleaseStep step = new DeployReleaseStep(environment, "payments-api", version);
        step.setHealthChecks(List.of(new HttpCheckSpec(host.healthUrl())));
        step.setVerification(verification(interval, success));
        return step;
    }

    private FakeStepContext context() {
        return new FakeStepContext((env, log, invocation) -> log.println("deploying " + env.get("RELEASE_ARTIFACT_VERSION")));
    }

    /** Nothing but the plugin's public types with serialVersionUID 1 and the JDK's went into the program. */
    private static void assertProgramConforms(FakeStepContext context) {
        assertNull("every write of the program succeeded", context.saveFailure);
        assertEquals("program state types", List.of(), River.nonConforming(context.programClasses));
    }

    /** The step's value, as a script variable in the program: the JDK's types only, and read back equal. */
    private static void assertKeptInProgramAsIs(Object value) throws Exception {
        Set<Class<?>> written = new LinkedHashSet<>();
        assertEquals(value, River.roundTrip(value, written));
        assertEquals("non-JDK types in a step's value", Set.of(), River.nonJdk(written));
    }

    // --- verifyHealth ------------------------------------------------------------------------------

    private void verifyHealthCarriesOnFromTheSamplesItTook(TestHost.Restart how) throws Exception {
        VerifyHealthStep step = new VerifyHealthStep(List.of(new HttpCheckSpec(host.healthUrl())));
        step.setVerification(verification("1500ms", 3));
        FakeStepContext context = context();
        StepExecution execution = context.startStep(step);
        ReleaseStepExecutionTest.waitFor("the first round", () -> execution.getStatus().contains("1 round(s) taken"));
        assertEquals(1, host.probesSent.get());

        StepExecution resumed = host.restartController(context, how);
        resumed.onResume();

        @SuppressWarnings("unchecked")
        Map<String, Object> verdict = (Map<String, Object>) context.await();
        assertEquals("HEALTHY", verdict.get("verdict"));
        assertEquals(3, verdict.get("rounds"));
        assertEquals("round 1 was not taken again", 3, host.probesSent.get());
        assertEquals(List.of(1, 2, 3), ((List<?>) verdict.get("samples")).stream()
                .map(s -> ((Map<?, ?>) s).get("round")).toList());
        assertProgramConforms(context);
        assertKeptInProgramAsIs(verdict);
    }

    @Test
    public void verifyHealthCarriesOnFromTheSamplesItTookAfterASafeRestart() throws Exception {
        verifyHealthCarriesOnFromTheSamplesItTook(TestHost.Restart.SAFE);
    }

    @Test
    public void verifyHealthCarriesOnFromTheSamplesItTookAfterACrash() throws Exception {
        verifyHealthCarriesOnFromTheSamplesItTook(TestHost.Restart.CRASH);
    }

    // --- deployRelease and rollbackRelease mid-verification ----------------------------------------

    private void deployCarriesOnMidVerification(TestHost.Restart how) throws Exception {
        FakeStepContext context = context();
        StepExecution execution = context.startStep(deploy("staging", "1.0.0", "1500ms", 3));
        try {
            ReleaseStepExecutionTest.waitFor("the first round", () -> execution.getStatus().contains("round 1 taken"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; status: " + execution.getStatus() + "; log:\n" + context.log(), e);
        }
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));

        StepExecution resumed = host.restartController(context, how);
        assertEquals(ReleaseState.VERIFYING, host.ledger.release(id).state());
        assertEquals(1, host.ledger.samples(id, ReleaseMode.DEPLOY).size());
        resumed.onResume();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals("LIVE", result.get("state"));
        assertEquals("the body had finished: it is not run again", 1, context.invocations.size());
        assertEquals(List.of(1, 2, 3), host.ledger.samples(id, ReleaseMode.DEPLOY).stream().map(HealthSample::round).toList());
        assertEquals(3, host.probesSent.get());
        assertThat(context.log(), containsString("resuming release " + id + " (VERIFYING)"));
        assertTrue("lease given back", host.ledger.currentLease("staging").isEmpty());
        assertProgramConforms(context);
        assertKeptInProgramAsIs(result);
    }

    @Test
    public void deployReleaseCarriesOnMidVerificationAfterASafeRestart() throws Exception {
        deployCarriesOnMidVerification(TestHost.Restart.SAFE);
    }

    @Test
    public void deployReleaseCarriesOnMidVerificationAfterACrash() throws Exception {
        deployCarriesOnMidVerification(TestHost.Restart.CRASH);
    }

    private void rollbackCarriesOnMidVerification(TestHost.Restart how) throws Exception {
        for (String v : List.of("1.0.0", "2.0.0")) {
            FakeStepContext c = context();
            c.startStep(deploy("staging", v, "100ms", 1));
            c.await();
        }
        RollbackReleaseStep step = new RollbackReleaseStep("staging");
        step.setHealthChecks(List.of(new HttpCheckSpec(host.healthUrl())));
        step.setVerification(verification("1500ms", 3));
        FakeStepContext context = context();
        StepExecution execution = context.startStep(step);
        int before = host.probesSent.get();
        ReleaseStepExecutionTest.waitFor("the first round", () -> execution.getStatus().contains("round 1 taken"));
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));

        StepExecution resumed = host.restartController(context, how);
        resumed.onResume();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals("LIVE", result.get("state"));
        assertEquals("rollback", result.get("mode"));
        assertEquals("1.0.0", result.get("version"));
        assertEquals(1, context.invocations.size());
        assertEquals("rollback", context.invocations.get(0).env.get("RELEASE_MODE"));
        assertEquals(List.of(1, 2, 3), host.ledger.samples(id, ReleaseMode.DEPLOY).stream().map(HealthSample::round).toList());
        assertEquals(3, host.probesSent.get() - before);
        assertProgramConforms(context);
        assertKeptInProgramAsIs(result);
    }

    @Test
    public void rollbackReleaseCarriesOnMidVerificationAfterASafeRestart() throws Exception {
        rollbackCarriesOnMidVerification(TestHost.Restart.SAFE);
    }

    @Test
    public void rollbackReleaseCarriesOnMidVerificationAfterACrash() throws Exception {
        rollbackCarriesOnMidVerification(TestHost.Restart.CRASH);
    }

    // --- mid-approval ------------------------------------------------------------------------------

    /**
     * Starts {@code step} with the pool for blocking work held until Pipeline wrote the program after {@code start}
     * returned, as happens when the ledger is slower than the CPS VM: the request is recorded after that write.
     */
    private StepExecution startBeforeTheRequest(FakeStepContext context, org.jenkinsci.plugins.workflow.steps.Step step)
            throws Exception {
        host.blockingWorkHeld = new CountDownLatch(1);
        StepExecution execution = context.startStep(step);
        context.lastWrittenProgram();
        assertEquals("written once, when start returned", 1, context.programWrites.get());
        host.blockingWorkHeld.countDown();
        return execution;
    }

    private void approvalGateCarriesOnMidApproval(TestHost.Restart how) throws Exception {
        FakeStepContext context = context();
        startBeforeTheRequest(context, new ApprovalGateStep("production", "payments-api", "1.0.0"));
        ReleaseStepExecutionTest.waitFor("the request", () -> context.log().contains("approve or reject it at"));
        ReleaseStepExecutionTest.waitFor("a write of the program since", () -> context.programWrites.get() > 1);
        long id = host.approvalGates.get(0);

        StepExecution resumed = host.restartController(context, how);
        // Decided while Jenkins was down: it counts.
        ReleaseApprovals engine = PluginApprovals.of(host.ledger, host.environments);
        engine.decide(id, "bob", Set.of(), Decision.APPROVE, "ship it", BOB);
        resumed.onResume();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals(id, result.get("releaseId"));
        assertEquals("APPROVED", result.get("state"));
        assertEquals(List.of("bob"), result.get("approvedBy"));
        assertEquals("one request", 1, host.ledger.history("production", null, 10).releases().size());
        assertProgramConforms(context);
        assertKeptInProgramAsIs(result);
    }

    @Test
    public void approvalGateCarriesOnMidApprovalAfterASafeRestart() throws Exception {
        approvalGateCarriesOnMidApproval(TestHost.Restart.SAFE);
    }

    @Test
    public void approvalGateCarriesOnMidApprovalAfterACrash() throws Exception {
        approvalGateCarriesOnMidApproval(TestHost.Restart.CRASH);
    }

    private void deployCarriesOnMidApproval(TestHost.Restart how) throws Exception {
        FakeStepContext context = context();
        startBeforeTheRequest(context, deploy("production", "1.0.0", "100ms", 1));
        ReleaseStepExecutionTest.waitFor("the wait for approvals", () -> context.log().contains("waiting for 1 more approval"));
        ReleaseStepExecutionTest.waitFor("a write of the program since", () -> context.programWrites.get() > 1);
        long id = host.ledger.history("production", null, 10).releases().get(0).id();

        StepExecution resumed = host.restartController(context, how);
        PluginApprovals.of(host.ledger, host.environments).decide(id, "bob", Set.of(), Decision.APPROVE, null, BOB);
        resumed.onResume();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals(id, result.get("releaseId"));
        assertEquals("LIVE", result.get("state"));
        assertEquals(1, context.invocations.size());
        assertEquals("one request", 1, host.ledger.history("production", null, 10).releases().size());
        assertProgramConforms(context);
    }

    @Test
    public void deployReleaseCarriesOnMidApprovalAfterASafeRestart() throws Exception {
        deployCarriesOnMidApproval(TestHost.Restart.SAFE);
    }

    @Test
    public void deployReleaseCarriesOnMidApprovalAfterACrash() throws Exception {
        deployCarriesOnMidApproval(TestHost.Restart.CRASH);
    }

    // --- a block running across the restart ---------------------------------------------------------

    @Test
    public void aDeployBodyRunningAcrossACrashIsResumedNotRunAgain() throws Exception {
        CountDownLatch bodyMayEnd = new CountDownLatch(1);
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> bodyMayEnd.await());
        context.startStep(deploy("staging", "1.0.0", "100ms", 1));
        ReleaseStepExecutionTest.waitFor("the body", () -> !context.invocations.isEmpty());
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));

        // Pipeline resumes the block itself; the execution, read back, waits for it to end.
        StepExecution resumed = host.restartController(context, TestHost.Restart.CRASH);
        resumed.onResume();
        ReleaseStepExecutionTest.waitFor("the resumed step to wait for its body",
                () -> resumed.getStatus().contains("waiting for the deploy body to finish"));
        bodyMayEnd.countDown();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals(id, result.get("releaseId"));
        assertEquals("LIVE", result.get("state"));
        assertEquals("the body ran once", 1, context.invocations.size());
        assertProgramConforms(context);
    }

    /**
     * The body ended, Pipeline wrote the program after its callback, and Jenkins died before the outcome reached the
     * ledger (still DEPLOYING): the resumed step runs the body again (bodies must be idempotent) instead of waiting for
     * a block that will never report again.
     */
    @Test
    public void aDeployBodyThatEndedJustBeforeACrashRunsAgain() throws Exception {
        CountDownLatch bodyMayEnd = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> {
            if (runs.getAndIncrement() == 0) bodyMayEnd.await();
        });
        context.startStep(deploy("staging", "1.0.0", "100ms", 1));
        ReleaseStepExecutionTest.waitFor("the body", () -> !context.invocations.isEmpty());
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));
        // The body's outcome waits for the pool for blocking work, which the crash takes down: it never reaches the ledger.
        host.blockingWorkHeld = new CountDownLatch(1);
        bodyMayEnd.countDown();
        ReleaseStepExecutionTest.waitFor("the body's callback", () -> context.callbacksReturned.get() == 1);

        StepExecution resumed = host.restartController(context, TestHost.Restart.CRASH);
        assertEquals(ReleaseState.DEPLOYING, host.ledger.release(id).state());
        resumed.onResume();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals(id, result.get("releaseId"));
        assertEquals("LIVE", result.get("state"));
        assertEquals("the body ran again", 2, context.invocations.size());
        assertProgramConforms(context);
    }

    // --- values the steps return ---------------------------------------------------------------------

    /**
     * The short steps run on a pool thread while Pipeline may write the program: their executions are in it too, and
     * their values (computed by the same mapping Jenkins runs) live on in it as script variables.
     */
    @Test
    public void theShortStepsExecutionsAndValuesAreKeptInProgramAsIs() throws Exception {
        FakeStepContext deployed = context();
        deployed.startStep(deploy("staging", "1.0.0", "100ms", 1));
        deployed.await();

        Map<String, Object> status = ReleaseStatusStep.status("staging", host.ledger.dashboard().stream()
                .filter(e -> e.name().equals("staging")).findFirst());
        assertThat(String.valueOf(status), containsString("1.0.0"));
        assertKeptInProgramAsIs(status);
        assertKeptInProgramAsIs(RegisterArtifactStep.result(host.ledger.artifact("payments-api", "2.0.0").orElseThrow()));

        FakeStepContext context = context();
        Set<Class<?>> written = new LinkedHashSet<>();
        for (Object execution : List.of(new ReleaseStatusStep("staging").start(context),
                new ReleaseNotesStep("staging").start(context),
                new RegisterArtifactStep("payments-api", "3.0.0").start(context))) {
            assertEquals(execution.getClass(), River.roundTrip(execution, written).getClass());
        }
        assertEquals("program state types", List.of(), River.nonConforming(written));
    }
}
