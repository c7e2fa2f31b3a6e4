package io.releaseledger.plugin;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import io.releaseledger.approval.Decision;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventType;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.release.Release;
import io.releaseledger.engine.ReleaseApprovals;
import io.releaseledger.release.ReleaseState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code approvalGate} then {@code deployRelease} in one build, offline: the gate's release is opened and approved
 * through the gate's own mapping onto core and listed as the build's gate (as {@link ReleasesBuildAction} does in
 * Jenkins); the deploy then runs for real against the H2 ledger, probing a real HTTP service.
 */
public class GateThenDeployTest {
    private static final Actor BOB = new Actor("bob", "https://ci.example.com/user/bob");
    private static final Actor STARTED_BY = new Actor("alice", "payments/deploy#7");

    private TestHost host;
    private ReleaseApprovals engine;

    @Before
    public void setUp() throws Exception {
        host = new TestHost(EnvironmentPolicy.builder("production", 1).approval(new ApprovalPolicy(1,
                Set.of(new Approver.User("bob")), false, Duration.ofHours(1))).build());
        engine = PluginApprovals.of(host.ledger, host.environments);
    }

    @After
    public void tearDown() throws Exception {
        host.close();
    }

    /** What the gate step does: opens the release, lists it as this build's gate; bob approves; the gate passes. */
    private Release gateApprovedByBob(String version) throws Exception {
        ApprovalGateStep gate = new ApprovalGateStep("production", "payments-api", version);
        Release opened = ApprovalGateStep.open(engine, gate.request("payments/deploy", STARTED_BY));
        host.approvalGates.add(opened.id());
        engine.decide(opened.id(), "bob", Set.of(), Decision.APPROVE, null, BOB);
        assertThat(ApprovalGateStep.poll(engine, host.ledger, opened.id(), BOB),
                instanceOf(ApprovalGateStep.Outcome.Approved.class));
        return host.ledger.release(opened.id());
    }

    private DeployReleaseStep deploy(String version) {
        DeployReleaseStep step = new DeployReleaseStep("production", "payments-api", version);
        step.setHealthChecks(List.of(new HttpCheckSpec(host.healthUrl())));
        VerificationSettings v = new VerificationSettings();
        v.setInterval("100ms");
        v.setSuccessThreshold(2);
        v.setMaxDuration("20s");
        step.setVerification(v);
        return step;
    }

    private long releasesRequested() {
        return host.ledger.events(0, 1000).stream().filter(e -> e.type() == EventType.RELEASE_REQUESTED).count();
    }

    @Test
    public void deployAfterTheGateContinuesItsReleaseAndAsksOnce() throws Exception {
        Release gate = gateApprovedByBob("1.0.0");
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> host.health.set(200));
        StepExecution execution = deploy("1.0.0").start(context);
        execution.start();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals("LIVE", result.get("state"));
        assertEquals("the gate's release went live", gate.id(), result.get("releaseId"));
        assertEquals("one release", 1, host.ledger.history("production", null, 10).releases().size());
        assertEquals("one request", 1, releasesRequested());
        assertEquals("bob approved once", 1, host.ledger.approvals(gate.id()).size());
        assertEquals(Long.toString(gate.id()), context.invocations.get(0).env.get("RELEASE_ID"));
        assertEquals("the deploy's checks ran", 2, host.ledger.samples(gate.id(),
                io.releaseledger.release.ReleaseMode.DEPLOY).size());
        List<LedgerEvent> events = host.ledger.timeline(gate.id()).events();
        assertEquals(1, events.stream().filter(e -> e.type() == EventType.RELEASE_PLAN_SET).count());

        String log = context.log();
        assertThat(log, containsString("release " + gate.id() + ": continuing payments-api 1.0.0 to production as"
                + " approved at the approvalGate"));
        assertThat(log, not(containsString("more approval(s)")));
        assertThat(log, containsString("→ LIVE"));
    }

    @Test
    public void aGateForAnotherVersionIsNotContinued() throws Exception {
        Release gate = gateApprovedByBob("2.0.0");
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> host.health.set(200));
        StepExecution execution = deploy("1.0.0").start(context);
        execution.start();
        ReleaseStepExecutionTest.waitFor("the deploy's own approval wait",
                () -> execution.getStatus().contains("waiting for 1 more approval(s) from bob"));

        Release own = host.ledger.history("production", null, 10).releases().get(0);
        assertNotEquals(gate.id(), own.id());
        assertEquals(ReleaseState.AWAITING_APPROVAL, own.state());
        engine.decide(own.id(), "bob", Set.of(), Decision.APPROVE, null, BOB);

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        assertEquals("LIVE", result.get("state"));
        assertEquals(own.id(), result.get("releaseId"));
        assertEquals("the other version's gate is left as it was", ReleaseState.APPROVED,
                host.ledger.release(gate.id()).state());
        assertThat(context.log(), not(containsString("continuing")));
    }

    @Test
    public void aGateOfAnotherBuildIsNotContinued() throws Exception {
        Release gate = gateApprovedByBob("1.0.0");
        host.approvalGates.clear(); // the same approved release, but not opened by this build
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> host.health.set(200));
        StepExecution execution = deploy("1.0.0").start(context);
        execution.start();
        ReleaseStepExecutionTest.waitFor("the deploy's own approval wait",
                () -> execution.getStatus().contains("waiting for 1 more approval(s) from bob"));
        execution.stop(new hudson.AbortException("not today"));
        context.awaitFailure();
        assertEquals(ReleaseState.APPROVED, host.ledger.release(gate.id()).state());
        assertEquals(2, host.ledger.history("production", null, 10).releases().size());
    }
}
