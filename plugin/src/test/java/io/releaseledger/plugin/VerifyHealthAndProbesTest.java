package io.releaseledger.plugin;

import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import hudson.EnvVars;
import io.releaseledger.environment.CredentialBinding;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.HttpCredentials;
import io.releaseledger.plugin.agent.StepProbes;
import io.releaseledger.plugin.credentials.ResolvedCredential;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.Test;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/** verifyHealth (asynchronous, no ledger release), probes with credentials resolved at probe time, and masking. */
public class VerifyHealthAndProbesTest {

    private static VerifyHealthStep step(String url, String interval, int success) {
        VerifyHealthStep step = new VerifyHealthStep(List.of(new HttpCheckSpec(url)));
        VerificationSettings v = new VerificationSettings();
        v.setInterval(interval);
        v.setSuccessThreshold(success);
        v.setFailureThreshold(2);
        v.setMaxDuration("20s");
        step.setVerification(v);
        return step;
    }

    @Test
    public void verifyHealthReturnsTheVerdictWithItsSamples() throws Exception {
        try (TestHost host = new TestHost(EnvironmentPolicy.builder("staging", 1).build())) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            StepExecution execution = step(host.healthUrl(), "100ms", 2).start(context);
            assertFalse(execution.start());
            @SuppressWarnings("unchecked")
            Map<String, Object> verdict = (Map<String, Object>) context.await();
            assertEquals("HEALTHY", verdict.get("verdict"));
            assertEquals(true, verdict.get("healthy"));
            assertEquals(2, verdict.get("rounds"));
            assertEquals(2, ((List<?>) verdict.get("samples")).size());
            assertTrue(host.ledger.history("staging", null, 10).releases().isEmpty());

            host.health.set(503);
            FakeStepContext failing = new FakeStepContext((env, log, i) -> { });
            step(host.healthUrl(), "100ms", 2).start(failing).start();
            @SuppressWarnings("unchecked")
            Map<String, Object> unhealthy = (Map<String, Object>) failing.await();
            assertEquals("UNHEALTHY", unhealthy.get("verdict"));
            assertEquals(false, unhealthy.get("healthy"));
            assertThat(failing.log(), containsString("verdict UNHEALTHY"));
        }
    }

    /** Starts a verifyHealth whose first probe the service holds until the test lets it go; returns once it is held. */
    private static StepExecution verifyWithAHeldProbe(TestHost host, FakeStepContext context) throws Exception {
        VerifyHealthStep step = step(host.healthUrl(), "100ms", 2);
        step.getVerification().setProbeTimeout("60s");
        step.getVerification().setMaxDuration("5m");
        host.healthHeld = new CountDownLatch(1);
        StepExecution execution = step.start(context);
        execution.start();
        ReleaseStepExecutionTest.waitFor("a round probing the held service", () -> host.healthRequestsHeld.get() == 1);
        return execution;
    }

    @Test
    public void verifyHealthStopDuringASlowRoundReturnsAtOnce() throws Exception {
        try (TestHost host = new TestHost(EnvironmentPolicy.builder("staging", 1).build())) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            StepExecution execution = verifyWithAHeldProbe(host, context);

            AbortException cause = new AbortException("stopped by alice");
            execution.stop(cause);
            assertEquals("stop returned while the service still held the round's probe", 1, host.healthRequestsHeld.get());
            assertSame(cause, context.awaitFailure());
            host.healthHeld.countDown();
        }
    }

    @Test
    public void aSafeRestartWaitsForAVerifyHealthRoundsProbesOnly() throws Exception {
        try (TestHost host = new TestHost(EnvironmentPolicy.builder("staging", 1).build())) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            StepExecution execution = verifyWithAHeldProbe(host, context);
            assertTrue("probes out", execution.blocksRestart());
            host.healthHeld.countDown();
            context.await();
            assertFalse("verified", execution.blocksRestart());
        }
    }

    @Test
    public void verifyHealthGetStatusAnswersWhileARoundIsProbing() throws Exception {
        try (TestHost host = new TestHost(EnvironmentPolicy.builder("staging", 1).build())) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            StepExecution execution = verifyWithAHeldProbe(host, context);
            assertThat(execution.getStatus(), containsString("verifying: probing round 1"));
            host.healthHeld.countDown();
            context.await();
        }
    }

    @Test
    public void aVerifyHealthRoundThatComesBackAfterStopIsDropped() throws Exception {
        try (TestHost host = new TestHost(EnvironmentPolicy.builder("staging", 1).build())) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            StepExecution execution = verifyWithAHeldProbe(host, context);
            execution.stop(new AbortException("stopped by alice"));
            host.healthHeld.countDown();
            ReleaseStepExecutionTest.waitFor("the held round to come back",
                    () -> context.log().contains("round 1 came back after the step ended; its samples are dropped"));
            assertThat(context.log(), not(containsString("verdict")));
            assertEquals(1, host.probesSent.get());
        }
    }

    @Test
    public void verifyHealthRoundsNeverRunOnTheScheduler() throws Exception {
        try (TestHost host = new TestHost(EnvironmentPolicy.builder("staging", 1).build())) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            step(host.healthUrl(), "100ms", 2).start(context).start();
            context.await();
            assertEquals(2, host.probeThreads.size());
            for (String thread : host.probeThreads) {
                assertThat(thread, startsWith(TestHost.BLOCKING_THREADS));
            }
        }
    }

    @Test
    public void verifyHealthWithoutChecksIsRefused() {
        try {
            new VerifyHealthStep(List.of()).plan();
            throw new AssertionError();
        } catch (AbortException e) {
            assertThat(e.getMessage(), containsString("verifyHealth: healthChecks"));
        }
    }

    @Test
    public void aProbeSendsTheCredentialResolvedAtProbeTimeAndMasksWhatComesBack() throws Exception {
        String token = "probe-token-9c1e";
        AtomicReference<String> authorization = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("echo " + token).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            HttpCheck check = HttpCheck.of("http://127.0.0.1:" + server.getAddress().getPort() + "/health")
                    .withCredentials(HttpCredentials.bearer("probe-token-id"));
            int[] lookups = {0};
            StepProbes probes = new StepProbes(id -> {
                lookups[0]++;
                return new ResolvedCredential.SecretText(token);
            }, probe -> TestHost.roundTrip(TestHost.roundTrip(probe).call()), null, Clock.systemUTC());
            HealthSample sample = probes.probe(check);
            assertEquals("Bearer " + token, authorization.get());
            assertEquals(1, lookups[0]);
            assertEquals(HealthSample.Outcome.UNHEALTHY, sample.outcome());
            assertThat(String.valueOf(sample.detail()), not(containsString(token)));
            assertThat(String.valueOf(sample.detail()), containsString("****"));

            StepProbes missing = new StepProbes(id -> {
                throw new io.releaseledger.InvalidInputException("credentialsId", id, "no credential with this id");
            }, probe -> {
                throw new AssertionError("nothing is sent without its secret");
            }, null, Clock.systemUTC());
            assertEquals(HealthSample.Outcome.INCONCLUSIVE, missing.probe(check).outcome());
        } finally {
            server.stop(0);
        }
    }

    @Test
    public void bindingsMergeWithTheBlocksEnvironmentAndMaskSplitWrites() throws Exception {
        BodyBindings bindings = BodyBindings.resolve("staging", Map.of("RELEASE_MODE", "deploy"),
                List.of(new CredentialBinding("TOKEN", "t"), new CredentialBinding("DB", "db")),
                id -> id.equals("t") ? new ResolvedCredential.SecretText("s3cr3t-value")
                        : new ResolvedCredential.UsernamePassword("app", "hunter2-x"), null);
        EnvironmentExpander outer = new EnvironmentExpander() {
            @Override
            public void expand(EnvVars env) {
                env.put("PATH+TOOLS", "/opt/tools");
            }
        };
        EnvironmentExpander merged = EnvironmentExpander.merge(outer, bindings.expander());
        EnvVars env = new EnvVars();
        merged.expand(env);
        assertEquals("/opt/tools", env.get("PATH+TOOLS"));
        assertEquals("deploy", env.get("RELEASE_MODE"));
        assertEquals("s3cr3t-value", env.get("TOKEN"));
        assertEquals("app:hunter2-x", env.get("DB"));
        assertEquals(java.util.Set.of("TOKEN", "DB", "DB_PSW"), merged.getSensitiveVariables());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TaskListenerDecorator decorator = TaskListenerDecorator.merge(null, TestHost.roundTrip(bindings.decorator()));
        try (OutputStream out = decorator.decorate(log)) {
            out.write("token s3cr".getBytes(StandardCharsets.UTF_8));
            out.write("3t-value and hunter2-x\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("token **** and ****\n", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void aSecretTooShortToMaskIsRefused() {
        try {
            BodyBindings.resolve("staging", Map.of(), List.of(new CredentialBinding("PIN", "pin")),
                    id -> new ResolvedCredential.SecretText("12"), null);
            throw new AssertionError();
        } catch (Exception e) {
            assertThat(StepErrors.map("deployRelease", e).getMessage(), containsString("deployRelease: "));
            assertThat(e.getMessage(), not(containsString("12\"")));
        }
    }
}
