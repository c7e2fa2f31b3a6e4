package io.releaseledger.plugin;

import hudson.AbortException;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.plugin.credentials.ResolvedCredential;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.secrets.SecretMask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

/**
 * What the steps announce, driven for real: the step executions' notifications go through the host's notifier —
 * the configured webhooks' fan-out, as in Jenkins — to a real receiver on 127.0.0.1.
 */
public class StepNotificationsTest {
    static final String TOKEN = "tok-3f9a-secret";
    static final String HOOK_PATH = "/services/T0ABC/B0DEF/xq7TokenInThePath";

    private TestHost host;
    private WebhookReceiver receiver;

    @Before
    public void setUp() throws Exception {
        host = new TestHost(EnvironmentPolicy.builder("staging", 1).credential("API_TOKEN", "api-token").build(),
                EnvironmentPolicy.builder("production", 2).approval(new ApprovalPolicy(1,
                        Set.of(new Approver.User("bob")), false, Duration.ofHours(1))).build());
        host.credentials.put("api-token", new ResolvedCredential.SecretText(TOKEN));
        receiver = new WebhookReceiver();
        host.secretTexts.put("chat-webhook", receiver.url(HOOK_PATH));
        host.webhooks = List.of(new ReleaseWebhook("chat-webhook"));
    }

    @After
    public void tearDown() throws Exception {
        host.close();
        receiver.close();
    }

    private DeployReleaseStep deploy(String environment, String version) {
        DeployReleaseStep step = new DeployReleaseStep(environment, "payments-api", version);
        step.setHealthChecks(List.of(new HttpCheckSpec(host.healthUrl())));
        VerificationSettings v = new VerificationSettings();
        v.setInterval("100ms");
        v.setSuccessThreshold(2);
        v.setFailureThreshold(2);
        v.setProbeTimeout("2s");
        v.setMaxDuration("20s");
        step.setVerification(v);
        return step;
    }

    private void liveInStaging(String version) throws Exception {
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> host.health.set(200));
        deploy("staging", version).start(context).start();
        context.await();
    }

    @Test
    public void anAutomaticRollbackIsAnnouncedWithTheReleasePage() throws Exception {
        liveInStaging("1.0.0");
        FakeStepContext context = new FakeStepContext((env, log, invocation) ->
                host.health.set(env.get("RELEASE_ARTIFACT_VERSION").equals("2.0.0") ? 503 : 200));
        deploy("staging", "2.0.0").start(context).start();
        context.awaitFailure();

        WebhookReceiver.Received r = receiver.next();
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));
        assertEquals(ReleaseState.ROLLED_BACK, host.ledger.release(id).state());
        assertEquals("rollback.performed", r.headers().get("x-release-ledger-event"));
        assertThat(r.body(), containsString("\"id\":" + id));
        assertThat(r.body(), containsString("\"version\":\"2.0.0\""));
        assertThat(r.body(), containsString("\"link\":\"https://ci.example.com/release-ledger/#/releases/" + id + "\""));
    }

    @Test
    public void aFailedRollbackIsAnnounced() throws Exception {
        liveInStaging("1.0.0");
        // The service stays down whatever is deployed: the rollback's verification fails too.
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> host.health.set(503));
        deploy("staging", "2.0.0").start(context).start();
        context.awaitFailure();

        WebhookReceiver.Received r = receiver.next();
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));
        assertEquals(ReleaseState.ROLLBACK_FAILED, host.ledger.release(id).state());
        assertEquals("rollback.failed", r.headers().get("x-release-ledger-event"));
        assertThat(r.body(), containsString("Rollback FAILED in staging"));
    }

    @Test
    public void webhookUrlAndBoundSecretsNeverReachTheBuildLogTheLedgerOrTheWebhookBody() throws Exception {
        liveInStaging("1.0.0");
        // A body whose failure quotes a bound secret: the rollback's message carries it on.
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> {
            if (env.get("RELEASE_ARTIFACT_VERSION").equals("2.0.0")) {
                throw new AbortException("the registry refused token " + env.get("API_TOKEN"));
            }
            host.health.set(200);
        });
        deploy("staging", "2.0.0").start(context).start();
        context.awaitFailure();

        WebhookReceiver.Received r = receiver.next();
        assertEquals("rollback.performed", r.headers().get("x-release-ledger-event"));
        assertThat(r.body(), containsString("the registry refused token ****"));
        assertThat(r.body(), not(containsString(TOKEN)));
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));
        assertThat(host.ledger.release(id).reason(), not(containsString(TOKEN)));
        List<String> events = new ArrayList<>();
        host.ledger.exportEvents(0, e -> events.add(new String(e.canonicalBytes(), StandardCharsets.UTF_8)));
        assertThat("the ledger keeps the masked failure", String.join("\n", events),
                containsString("the registry refused token ****"));
        assertThat(String.join("\n", events), not(containsString(TOKEN)));
        String log = context.log();
        assertThat(log, containsString("the body failed: hudson.AbortException: the registry refused token ****"));
        assertThat(log, containsString("notifying: rollback.performed"));
        assertThat(log, not(containsString(TOKEN)));
        assertThat(log, not(containsString("xq7TokenInThePath")));
        assertThat(log, not(containsString(receiver.url(""))));
    }

    @Test
    public void aDeployWaitingForApprovalAnnouncesTheRequest() throws Exception {
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> host.health.set(200));
        StepExecution execution = deploy("production", "1.0.0").start(context);
        execution.start();

        WebhookReceiver.Received r = receiver.next();
        assertEquals("approval.requested", r.headers().get("x-release-ledger-event"));
        assertThat(r.body(), containsString("\"environment\":\"production\""));
        execution.stop(new AbortException("not today"));
        context.awaitFailure();
    }

    @Test
    public void anApprovalGateAnnouncesTheRequest() throws Exception {
        // What approvalGate's start does: an engine for decisions, with the configured webhooks as its notifier.
        ApprovalGateStep gate = new ApprovalGateStep("production", "payments-api", "2.0.0");
        ApprovalGateStep.open(PluginApprovals.of(host.ledger, host.environments, host.notifier(SecretMask.none())),
                gate.request("payments/deploy", new Actor("alice", "payments/deploy#7")));

        WebhookReceiver.Received r = receiver.next();
        assertEquals("approval.requested", r.headers().get("x-release-ledger-event"));
        assertThat(r.body(), containsString("\"version\":\"2.0.0\""));
        assertThat(r.body(), containsString("\"link\":\"https://ci.example.com/release-ledger/#/releases/"));
    }
}
