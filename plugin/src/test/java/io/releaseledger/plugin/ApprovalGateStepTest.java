package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.AbortException;
import hudson.console.ConsoleNote;
import hudson.console.HyperlinkNote;
import hudson.model.Result;
import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.approval.Decision;
import io.releaseledger.engine.DeployRequest;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.release.Release;
import io.releaseledger.engine.ReleaseApprovals;
import io.releaseledger.release.ReleaseState;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.ObjectInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPInputStream;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.junit.Rule;
import org.junit.Test;

public class ApprovalGateStepTest {
    private static final Actor BOB = new Actor("bob", "https://ci.example.com/");
    @Rule
    public final LedgerFixture f = new LedgerFixture();

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
        AbortException notInStaging = assertThrows(AbortException.class, () -> ApprovalGateStep.open(f.approvals, request));
        assertTrue(notInStaging.getMessage(), notInStaging.getMessage().startsWith("approvalGate: ")
                && notInStaging.getMessage().contains("staging"));
        ApprovalGateStep unregistered = new ApprovalGateStep("staging", "payments-api", "9.9.9");
        AbortException e = assertThrows(AbortException.class,
                () -> ApprovalGateStep.open(f.approvals, unregistered.request(LedgerFixture.JOB, LedgerFixture.ALICE)));
        assertTrue(e.getMessage(), e.getMessage().contains("not registered"));
    }

    @Test
    public void waitsShowingWhoMayApproveThenPassesWithTheApprovers() throws Exception {
        f.deployToStaging("1.0.0");
        Release r = ApprovalGateStep.open(f.approvals, gate(null).request(LedgerFixture.JOB, LedgerFixture.ALICE));
        assertEquals(ReleaseState.AWAITING_APPROVAL, r.state());
        ApprovalGateStep.Outcome waiting = ApprovalGateStep.poll(f.approvals, f.ledger, r.id(), BOB);
        String status = ((ApprovalGateStep.Outcome.Waiting) waiting).status();
        assertTrue(status, status.contains("waiting for 1 more approval(s) from alice, bob, group:release-managers"));
        assertTrue(status, status.contains("excluding alice"));

        // A controller restart: a new engine over the same ledger, with nothing but the release id.
        ReleaseApprovals afterRestart = PluginApprovals.of(f.ledger, f.environments);
        afterRestart.decide(r.id(), "bob", Set.of(), Decision.APPROVE, "ship it", BOB);
        ApprovalGateStep.Outcome outcome = ApprovalGateStep.poll(afterRestart, f.ledger, r.id(), BOB);
        Map<String, Object> result = ((ApprovalGateStep.Outcome.Approved) outcome).result();
        assertEquals(r.id(), result.get("releaseId"));
        assertEquals("APPROVED", result.get("state"));
        assertEquals(List.of("bob"), result.get("approvedBy"));
        assertEquals("production", result.get("environment"));
    }

    @Test
    public void aRejectionNamesWhoRejectedItAndAnAbortInTheLedgerFailsWithItsReason() throws Exception {
        f.deployToStaging("1.0.0");
        Release r = ApprovalGateStep.open(f.approvals, gate(null).request(LedgerFixture.JOB, LedgerFixture.ALICE));
        f.engine.decide(r.id(), "bob", Set.of(), Decision.REJECT, "not during the audit", BOB);
        ApprovalRejection rejection = ((ApprovalGateStep.Outcome.Rejected) ApprovalGateStep.poll(f.approvals, f.ledger, r.id(),
                BOB)).cause();
        assertEquals("bob", rejection.getUserId());
        assertEquals("not during the audit", rejection.getComment());
        assertEquals("payments-api 1.0.0 to production", rejection.getRelease());

        Release second = ApprovalGateStep.open(f.approvals, gate(null).request(LedgerFixture.JOB, LedgerFixture.ALICE));
        f.engine.abort(second.id(), BOB, "wrong version");
        ApprovalGateStep.Outcome aborted = ApprovalGateStep.poll(f.approvals, f.ledger, second.id(), BOB);
        String reason = ((ApprovalGateStep.Outcome.Ended) aborted).reason();
        assertTrue(reason, reason.contains("ended ABORTED") && reason.contains("wrong version"));
        assertTrue(ApprovalGateStep.failure(aborted) instanceof AbortException);
    }

    @Test
    public void noApprovalRequiredPassesAtOnce() throws Exception {
        Release r = ApprovalGateStep.open(f.approvals, new ApprovalGateStep("staging", "payments-api", "1.0.0")
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
            ReleaseApprovals engine = PluginApprovals.of(host.ledger, host.environments);
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
            assertTrue(context.log(), ConsoleNote.removeNotes(context.log()).contains("approve or reject it at https://ci.example.com/"));
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

    // --- a pause as Jenkins users know it (the input step's PauseAction, link and ABORTED) ----------

    /** Starts the gate as the CPS VM does and waits until it asked and printed its link. */
    private static ApprovalGateStep.Execution startAndAwaitTheLink(FakeStepContext context, ApprovalGateStep step)
            throws Exception {
        ApprovalGateStep.Execution execution = (ApprovalGateStep.Execution) context.startStep(step);
        awaitRequest(execution);
        ReleaseStepExecutionTest.waitFor("the request's link", () -> context.log().contains("approve or reject it at"));
        return execution;
    }

    /** The one {@link HyperlinkNote} in {@code log}, decoded as a log page reads it (an unsigned note, off the controller). */
    private static HyperlinkNote hyperlinkIn(String log) throws Exception {
        int start = log.indexOf(ConsoleNote.PREAMBLE_STR);
        assertTrue("a note in the log:\n" + log, start >= 0);
        int end = log.indexOf(ConsoleNote.POSTAMBLE_STR, start);
        assertEquals("one note", -1, log.indexOf(ConsoleNote.PREAMBLE_STR, end));
        byte[] framed = Base64.getDecoder().decode(log.substring(start + ConsoleNote.PREAMBLE_STR.length(), end));
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(framed));
        int size = data.readInt();
        if (size < 0) { // signed on a controller: the MAC comes first
            data.skipBytes(-size);
            size = data.readInt();
        }
        byte[] serialized = data.readNBytes(size);
        try (ObjectInputStream in = new ObjectInputStream(new GZIPInputStream(new ByteArrayInputStream(serialized)))) {
            return (HyperlinkNote) in.readObject();
        }
    }

    private static Object field(Object o, String name) throws Exception {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    @Test
    public void whileWaitingTheNodeIsPausedAndTheLogLinksToTheReleasesPageThenThePauseEnds() throws Exception {
        try (TestHost host = productionNeedingBob()) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            ApprovalGateStep.Execution execution = startAndAwaitTheLink(context,
                    new ApprovalGateStep("production", "payments-api", "1.0.0"));
            long id = execution.releaseId();

            assertTrue("paused while waiting", PauseAction.isPaused(context.node));
            assertEquals(ApprovalGateStep.PAUSE_CAUSE, PauseAction.getCurrentPause(context.node).getCause());
            String link = "https://ci.example.com/" + ReleasesBuildAction.releasePath(id);
            assertTrue(context.log(), ConsoleNote.removeNotes(context.log())
                    .contains("Release Ledger: approve or reject it at " + link + "\n"));
            HyperlinkNote note = hyperlinkIn(context.log());
            assertEquals("within Jenkins' context path", "/" + ReleasesBuildAction.releasePath(id), field(note, "url"));
            assertEquals("the note covers the address", link.length(), field(note, "length"));

            PluginApprovals.of(host.ledger, host.environments).decide(id, "bob", Set.of(), Decision.APPROVE, "ok", BOB);
            context.await();
            assertFalse("the pause ended", PauseAction.isPaused(context.node));
            assertEquals("one pause", 1, PauseAction.getPauseActions(context.node).size());
            assertTrue(PauseAction.getCurrentPause(context.node).getEndTime() > 0);
            assertEquals("saved when added and when ended", 2, context.node.saves.get());
        }
    }

    @Test
    public void aRejectionEndsTheBuildAbortedNamingWhoRejectedItAndWhy() throws Exception {
        try (TestHost host = productionNeedingBob()) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            long id = startAndAwaitTheLink(context, new ApprovalGateStep("production", "payments-api", "1.0.0")).releaseId();

            PluginApprovals.of(host.ledger, host.environments).decide(id, "bob", Set.of(), Decision.REJECT,
                    "not during the audit", BOB);
            Throwable failure = context.awaitFailure();

            FlowInterruptedException e = (FlowInterruptedException) failure;
            assertSame(Result.ABORTED, e.getResult());
            assertTrue("a person stopped it, as the input step's rejection", e.isActualInterruption());
            ApprovalRejection cause = (ApprovalRejection) e.getCauses().get(0);
            assertEquals(1, e.getCauses().size());
            assertEquals("bob", cause.getUserId());
            assertEquals("not during the audit", cause.getComment());
            assertEquals(id, cause.getReleaseId());
            assertEquals("Rejected by bob: not during the audit (release " + id + ": payments-api 1.0.0 to production)",
                    cause.getShortDescription());
            assertFalse("the pause ended", PauseAction.isPaused(context.node));
            // What the Releases page and the build's page show for the release.
            assertEquals(ReleaseState.REJECTED, host.ledger.release(id).state());
            assertEquals("rejected by bob: not during the audit", host.ledger.release(id).reason());
            assertKeptAsJenkinsKeepsIt(e);
        }
    }

    @Test
    public void aTimeoutEndsTheBuildAbortedSayingHowLongItWaitedEvenWhenItPassedWhileJenkinsWasDown() throws Exception {
        try (TestHost host = productionNeedingBob()) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            ApprovalGateStep step = new ApprovalGateStep("production", "payments-api", "1.0.0");
            step.setTimeout("1s");
            long id = startAndAwaitTheLink(context, step).releaseId();
            ReleaseApprovals engine = PluginApprovals.of(host.ledger, host.environments);
            ReleaseStepExecutionTest.waitFor("the deadline to pass",
                    () -> engine.status(id) instanceof ApprovalStatus.TimedOut);

            // Jenkins went down while the gate waited; its node was saved paused. On resume the request has timed out.
            StepExecution resumed = host.restartController(context, TestHost.Restart.CRASH);
            assertTrue(PauseAction.isPaused(context.node));
            resumed.onResume();
            FlowInterruptedException e = (FlowInterruptedException) context.awaitFailure();

            assertSame(Result.ABORTED, e.getResult());
            assertFalse("a timeout, as the timeout step's own: a script may catch it", e.isActualInterruption());
            ApprovalTimeout cause = (ApprovalTimeout) e.getCauses().get(0);
            assertEquals(id, cause.getReleaseId());
            assertEquals("1s", cause.getTimeout());
            assertTrue(cause.getShortDescription(), cause.getShortDescription().startsWith(
                    "Approval timed out after 1s without a decision (release " + id + ": payments-api 1.0.0 to production, at "));
            assertFalse("the pause ended on resume", PauseAction.isPaused(context.node));
            assertEquals(ReleaseState.APPROVAL_TIMED_OUT, host.ledger.release(id).state());
            assertTrue(host.ledger.release(id).reason(), host.ledger.release(id).reason()
                    .startsWith("timed out after 1s without a decision (at "));
            assertKeptAsJenkinsKeepsIt(e);
            assertEquals("program state types", List.of(), River.nonConforming(context.programClasses));
        }
    }

    @Test
    public void stoppingTheBuildWhileItWaitsEndsItAbortedWithJenkinsCauseAndEndsThePause() throws Exception {
        try (TestHost host = productionNeedingBob()) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            ApprovalGateStep.Execution execution = startAndAwaitTheLink(context,
                    new ApprovalGateStep("production", "payments-api", "1.0.0"));
            assertTrue(PauseAction.isPaused(context.node));

            // What Jenkins passes to stop() when a user presses the build's stop button.
            FlowInterruptedException stop = new FlowInterruptedException(Result.ABORTED, true, new StoppedBy("alice"));
            execution.stop(stop);

            assertSame(stop, context.awaitFailure());
            assertFalse("the pause ended", PauseAction.isPaused(context.node));
            assertEquals(ReleaseState.ABORTED, host.ledger.release(execution.releaseId()).state());
        }
    }

    /** A user's interruption, as {@code CauseOfInterruption.UserInterruption} (not stubbed) says it. */
    private static final class StoppedBy extends CauseOfInterruption {
        private static final long serialVersionUID = 1L;
        private final String user;

        StoppedBy(String user) {
            this.user = user;
        }

        @Override
        public String getShortDescription() {
            return "Aborted by " + user;
        }
    }

    /**
     * The failure as Jenkins keeps it: in the program while it travels ({@code program.dat}, River) and its causes with
     * the build (Java serialization, as {@code CauseOfInterruption} requires besides XStream); read back, the result is
     * Jenkins' own {@code ABORTED} and the causes are equal. The cause is of the plugin's public types only.
     */
    private static void assertKeptAsJenkinsKeepsIt(FlowInterruptedException e) throws Exception {
        Set<Class<?>> written = new java.util.LinkedHashSet<>();
        FlowInterruptedException read = River.roundTrip(e, written);
        assertSame(Result.ABORTED, read.getResult());
        assertEquals(e.getCauses(), read.getCauses());
        assertEquals(e.isActualInterruption(), read.isActualInterruption());
        assertEquals("program state types", List.of(), River.nonConforming(written));
        assertEquals(e.getCauses(), TestHost.roundTrip(e).getCauses());
    }
}
