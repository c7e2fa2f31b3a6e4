package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.AbortException;
import io.releaseledger.approval.Decision;
import io.releaseledger.engine.DeployRequest;
import io.releaseledger.engine.ReleaseEngine;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class ApprovalGateStepTest {
    private static final Actor BOB = new Actor("bob", "https://ci.example.com/");
    private LedgerFixture f;

    @Before
    public void open() {
        f = new LedgerFixture();
    }

    @After
    public void close() throws Exception {
        f.close();
    }

    private static ApprovalGateStep gate(String timeout) {
        ApprovalGateStep step = new ApprovalGateStep(" production ", "payments-api", "1.0.0");
        step.setTimeout(timeout);
        return step;
    }

    @Test
    public void parametersMapOntoADeployRequestWithATighterTimeout() throws Exception {
        DeployRequest request = gate("4h").request(LedgerFixture.JOB, LedgerFixture.ALICE);
        assertEquals("production", request.environment());
        assertEquals("payments-api", request.artifactName());
        assertEquals("1.0.0", request.version());
        assertEquals(LedgerFixture.JOB, request.job());
        assertEquals(LedgerFixture.ALICE, request.actor());
        assertEquals(Duration.ofHours(4), request.approval().timeout());
        assertTrue("the gate verifies nothing", request.verification().checks().isEmpty());
        assertEquals(null, gate(null).request(LedgerFixture.JOB, LedgerFixture.ALICE).approval());

        AbortException e = assertThrows(AbortException.class, () -> gate("4 hours").request(LedgerFixture.JOB, LedgerFixture.ALICE));
        assertTrue(e.getMessage(), e.getMessage().startsWith("approvalGate: timeout"));
        assertThrows(AbortException.class,
                () -> new ApprovalGateStep("production", null, "1").request(LedgerFixture.JOB, LedgerFixture.ALICE));
    }

    @Test
    public void promotionRulesAndUnknownVersionsRefuseTheRequestWithOneLine() throws Exception {
        DeployRequest request = gate(null).request(LedgerFixture.JOB, LedgerFixture.ALICE);
        AbortException notInStaging = assertThrows(AbortException.class, () -> ApprovalGateStep.open(f.engine, request));
        assertTrue(notInStaging.getMessage(), notInStaging.getMessage().startsWith("approvalGate: ")
                && notInStaging.getMessage().contains("staging"));
        ApprovalGateStep unregistered = new ApprovalGateStep("staging", "payments-api", "9.9.9");
        AbortException e = assertThrows(AbortException.class,
                () -> ApprovalGateStep.open(f.engine, unregistered.request(LedgerFixture.JOB, LedgerFixture.ALICE)));
        assertTrue(e.getMessage(), e.getMessage().contains("not registered"));
    }

    @Test
    public void waitsShowingWhoMayApproveThenPassesWithTheApprovers() throws Exception {
        f.deployToStaging("1.0.0");
        Release r = ApprovalGateStep.open(f.engine, gate(null).request(LedgerFixture.JOB, LedgerFixture.ALICE));
        assertEquals(ReleaseState.AWAITING_APPROVAL, r.state());
        ApprovalGateStep.Outcome waiting = ApprovalGateStep.poll(f.engine, f.ledger, r.id(), BOB);
        String status = ((ApprovalGateStep.Outcome.Waiting) waiting).status();
        assertTrue(status, status.contains("waiting for 1 more approval(s) from alice, bob, group:release-managers"));
        assertTrue(status, status.contains("excluding alice"));

        // A controller restart: a new engine over the same ledger, with nothing but the release id.
        ReleaseEngine afterRestart = PluginEngine.forDecisions(f.ledger, f.environments);
        afterRestart.decide(r.id(), "bob", Set.of(), Decision.APPROVE, "ship it", BOB);
        ApprovalGateStep.Outcome outcome = ApprovalGateStep.poll(afterRestart, f.ledger, r.id(), BOB);
        Map<String, Object> result = ((ApprovalGateStep.Outcome.Approved) outcome).result();
        assertEquals(r.id(), result.get("releaseId"));
        assertEquals("APPROVED", result.get("state"));
        assertEquals(List.of("bob"), result.get("approvedBy"));
        assertEquals("production", result.get("environment"));
    }

    @Test
    public void aRejectionOrAnAbortEndsTheGate() throws Exception {
        f.deployToStaging("1.0.0");
        Release r = ApprovalGateStep.open(f.engine, gate(null).request(LedgerFixture.JOB, LedgerFixture.ALICE));
        f.engine.decide(r.id(), "bob", Set.of(), Decision.REJECT, "not during the audit", BOB);
        String reason = ((ApprovalGateStep.Outcome.Ended) ApprovalGateStep.poll(f.engine, f.ledger, r.id(), BOB)).reason();
        assertTrue(reason, reason.contains("ended REJECTED") && reason.contains("not during the audit"));

        Release second = ApprovalGateStep.open(f.engine, gate(null).request(LedgerFixture.JOB, LedgerFixture.ALICE));
        f.engine.abort(second.id(), BOB, "wrong version");
        assertTrue(ApprovalGateStep.poll(f.engine, f.ledger, second.id(), BOB) instanceof ApprovalGateStep.Outcome.Ended);
    }

    @Test
    public void noApprovalRequiredPassesAtOnce() throws Exception {
        Release r = ApprovalGateStep.open(f.engine, new ApprovalGateStep("staging", "payments-api", "1.0.0")
                .request(LedgerFixture.JOB, LedgerFixture.ALICE));
        assertEquals(ReleaseState.APPROVED, r.state());
    }

    @Test
    public void theInitiatorIsTheUserWhoStartedTheBuildElseTheBuild() {
        BuildOrigin origin = BuildOrigin.of("team-a/payments", 7, "https://ci.example.com/", "job/team-a/job/payments/7/", null);
        assertEquals(new Actor("alice", "https://ci.example.com/job/team-a/job/payments/7/"), ApprovalGateStep.initiator("alice", origin));
        assertEquals("team-a/payments#7", ApprovalGateStep.initiator(null, origin).name());
    }

    @Test
    public void theExecutionKeepsOnlyTheReleaseIdAndTheDeadline() {
        List<String> durable = new ArrayList<>();
        for (Field field : ApprovalGateStep.Execution.class.getDeclaredFields()) {
            int m = field.getModifiers();
            if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) durable.add(field.getName());
        }
        assertEquals(List.of("releaseId", "deadline"), durable);
    }

    @Test
    public void stopReturnsBeforeTheRequestIsAbortedThenAbortsItAndFailsTheStep() throws Exception {
        try (TestHost host = new TestHost(EnvironmentPolicy.builder("production", 1).approval(new ApprovalPolicy(1,
                Set.of(new Approver.User("bob")), false, Duration.ofHours(1))).build())) {
            ReleaseEngine engine = PluginEngine.forDecisions(host.ledger, host.environments);
            Release opened = ApprovalGateStep.open(engine, new ApprovalGateStep("production", "payments-api", "1.0.0")
                    .request(LedgerFixture.JOB, LedgerFixture.ALICE));
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            ApprovalGateStep.Execution execution = new ApprovalGateStep.Execution(opened.id(), context);
            host.blockingWorkHeld = new CountDownLatch(1);

            AbortException cause = new AbortException("stopped by alice");
            execution.stop(cause);
            assertEquals("stop left the ledger to the pool for blocking work", ReleaseState.AWAITING_APPROVAL,
                    host.ledger.release(opened.id()).state());
            assertFalse(context.outcome.isDone());

            host.blockingWorkHeld.countDown();
            assertSame(cause, context.awaitFailure());
            assertEquals(ReleaseState.ABORTED, host.ledger.release(opened.id()).state());
            assertTrue(context.completedOn, context.completedOn.startsWith(TestHost.BLOCKING_THREADS));
        }
    }

    /** Waits (30 s at most) until the gate has recorded its request on the pool for blocking work. */
    private static void awaitRequest(ApprovalGateStep.Execution execution) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (execution.releaseId() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Production needs bob's approval; payments-api 1.0.0 and 2.0.0 are registered. */
    private static TestHost productionNeedingBob() throws Exception {
        return new TestHost(EnvironmentPolicy.builder("production", 1).approval(new ApprovalPolicy(1,
                Set.of(new Approver.User("bob")), false, Duration.ofHours(1))).build());
    }

    @Test
    public void startReturnsBeforeTheRequestIsRecordedThenRecordsItOnThePoolForBlockingWork() throws Exception {
        try (TestHost host = productionNeedingBob()) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            host.blockingWorkHeld = new CountDownLatch(1);
            ApprovalGateStep.Execution execution = (ApprovalGateStep.Execution) new ApprovalGateStep("production",
                    "payments-api", "1.0.0").start(context);

            assertFalse("start() never waits", execution.start());
            assertEquals("nothing recorded on the CPS thread", List.of(), host.ledger.history("production", null, 10).releases());

            host.blockingWorkHeld.countDown();
            awaitRequest(execution);
            ReleaseStepExecutionTest.waitFor("the request's link", () -> context.log().contains("approve or reject it at"));
            assertEquals(ReleaseState.AWAITING_APPROVAL, host.ledger.release(execution.releaseId()).state());
            assertEquals(List.of(execution.releaseId()), host.approvalGates);
            assertTrue(context.log(), context.log().contains("approve or reject it at https://ci.example.com/"));
            assertFalse(context.outcome.isDone());
        }
    }

    @Test
    public void inABuildThatRollsTheEnvironmentBackTheGateAsksNothing() throws Exception {
        try (TestHost host = productionNeedingBob()) {
            host.rollbackRequested = new RollbackRequestAction("production", "payments-api", "1.0.0", 41, "alice");
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            new ApprovalGateStep("production", "payments-api", "2.0.0").start(context).start();

            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) context.await();
            assertEquals("ROLLBACK", result.get("state"));
            assertEquals("1.0.0", result.get("version"));
            assertEquals(null, result.get("releaseId"));
            assertEquals("no request recorded", List.of(), host.ledger.history("production", null, 10).releases());
            assertTrue(context.log(), context.log().contains("needs no approval"));
        }
    }

    @Test
    public void aRollbackOfAnotherEnvironmentLeavesTheGateAsking() throws Exception {
        try (TestHost host = productionNeedingBob()) {
            host.rollbackRequested = new RollbackRequestAction("staging", "payments-api", "1.0.0", 41, "alice");
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            ApprovalGateStep.Execution execution = (ApprovalGateStep.Execution) new ApprovalGateStep("production",
                    "payments-api", "1.0.0").start(context);
            execution.start();
            awaitRequest(execution);
            assertEquals(ReleaseState.AWAITING_APPROVAL, host.ledger.release(execution.releaseId()).state());
        }
    }

    @Test
    public void theStepHoldsNoExecutor() {
        ApprovalGateStep.DescriptorImpl descriptor = new ApprovalGateStep.DescriptorImpl();
        assertEquals("approvalGate", descriptor.getFunctionName());
        assertEquals(Set.of(hudson.model.Run.class, hudson.model.TaskListener.class), descriptor.getRequiredContext());
    }
}
