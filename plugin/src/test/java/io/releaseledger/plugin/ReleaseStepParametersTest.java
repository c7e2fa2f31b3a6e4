package io.releaseledger.plugin;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.AbortException;
import io.releaseledger.InvalidInputException;
import io.releaseledger.engine.DeployRequest;
import io.releaseledger.engine.RollbackRequest;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.BodyExpectation;
import io.releaseledger.health.CommandCheck;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.HttpCredentials;
import io.releaseledger.health.PrometheusCheck;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.ledger.LedgerUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.junit.Test;

/** Step parameters → core's requests, checks and policies; and the one-line errors a pipeline author sees. */
public class ReleaseStepParametersTest {
    static final BuildOrigin ORIGIN = new BuildOrigin("payments/deploy", "payments/deploy#7",
            "https://ci.example.com/job/payments/job/deploy/7/", "c0ffee");

    @Test
    public void theSnippetGeneratorsFormGivesListsOneEntryPerLine() {
        JSONObject command = new JSONObject().element("command", "./smoke-test.sh\r\n  staging \n\n")
                .element("name", "smoke").element("timeout", "");
        CommandCheckSpec c = (CommandCheckSpec) new CommandCheckSpec.DescriptorImpl().newInstance(null, command);
        assertEquals(List.of("./smoke-test.sh", "staging"), c.getCommand());
        assertEquals("./smoke-test.sh\nstaging", c.getCommandLines());
        assertEquals("smoke", c.getName());
        assertNull("an empty field is unset", c.getTimeout());

        JSONObject http = new JSONObject().element("url", "https://staging.example.com/health").element("method", "")
                .element("expectStatus", "200").element("bodyRegex", "").element("jsonPointer", "")
                .element("jsonValue", "").element("headers", "X-Probe: 1\nAccept: text/plain")
                .element("credentialsId", "probe").element("username", "").element("name", "").element("timeout", "3s");
        HttpCheckSpec h = (HttpCheckSpec) new HttpCheckSpec.DescriptorImpl().newInstance(null, http);
        HttpCheck check = (HttpCheck) h.toCheck();
        assertEquals(List.of("X-Probe: 1", "Accept: text/plain"), h.getHeaders());
        assertNull(h.getMethod());
        assertNull("no jsonValue without a pointer", h.getJsonValue());
        assertEquals(HttpCredentials.bearer("probe"), check.credentials());
        assertEquals("3s", h.getTimeout());
        assertEquals("", ((HttpCheckSpec) new HttpCheckSpec.DescriptorImpl().newInstance(null,
                http.element("jsonPointer", "/status"))).getJsonValue());
    }

    @Test
    public void httpCheckMapsEveryParameter() {
        HttpCheckSpec spec = new HttpCheckSpec(" https://staging.example.com/health ");
        spec.setExpectStatus("200,204");
        spec.setJsonPointer("/status");
        spec.setJsonValue("UP");
        spec.setHeaders(List.of("X-Probe: release-ledger"));
        spec.setCredentialsId("staging-probe-token");
        spec.setTimeout("3s");
        spec.setName("staging health");
        HttpCheck check = (HttpCheck) spec.toCheck();
        assertEquals("https://staging.example.com/health", check.url().toString());
        assertEquals(new BodyExpectation.JsonPointerEquals("/status", "UP"), check.body());
        assertEquals(Map.of("X-Probe", "release-ledger"), check.headers());
        assertEquals(HttpCredentials.bearer("staging-probe-token"), check.credentials());
        assertEquals(Duration.ofSeconds(3), check.timeout());
        assertEquals("staging health", check.name());
        assertTrue(check.expectStatus().toString().contains("204") || check.expectStatus().toString().contains("200"));

        HttpCheckSpec basic = new HttpCheckSpec("https://a.example.com/h");
        basic.setBodyRegex("\"UP\"");
        basic.setUsername("probe");
        basic.setCredentialsId("probe-password");
        HttpCheck b = (HttpCheck) basic.toCheck();
        assertEquals(HttpCredentials.basic("probe", "probe-password"), b.credentials());
        assertEquals(new BodyExpectation.Matches("\"UP\""), b.body());
    }

    @Test
    public void badChecksAreRefusedNamingTheField() {
        assertThat(assertThrows(InvalidInputException.class, () -> new HttpCheckSpec("ftp://x.example.com/h").toCheck())
                .getMessage(), containsString("only http:// and https://"));
        HttpCheckSpec both = new HttpCheckSpec("https://x.example.com/h");
        both.setBodyRegex("UP");
        both.setJsonPointer("/status");
        assertThat(assertThrows(InvalidInputException.class, both::toCheck).getMessage(), containsString("not both"));
        HttpCheckSpec header = new HttpCheckSpec("https://x.example.com/h");
        header.setHeaders(List.of("no colon"));
        assertThat(assertThrows(InvalidInputException.class, header::toCheck).getMessage(), containsString("'Name: value'"));
        assertThrows(InvalidInputException.class, () -> new PrometheusCheckSpec("https://prom.example.com", "up", "about 3").toCheck());
    }

    @Test
    public void prometheusAndCommandChecksMap() {
        PrometheusCheckSpec p = new PrometheusCheckSpec("https://prom.example.com", "sum(rate(x[1m]))", "< 0.5");
        p.setCredentialsId("prom-token");
        PrometheusCheck check = (PrometheusCheck) p.toCheck();
        assertEquals("https://prom.example.com", check.server().toString());
        assertEquals(0.5, check.condition().threshold(), 0);
        assertEquals(HttpCredentials.bearer("prom-token"), check.credentials());

        CommandCheckSpec c = new CommandCheckSpec(List.of("./smoke-test.sh", "staging"));
        c.setTimeout("30s");
        CommandCheck command = (CommandCheck) c.toCheck();
        assertEquals(List.of("./smoke-test.sh", "staging"), command.argv());
        assertEquals(Duration.ofSeconds(30), command.timeout());
    }

    @Test
    public void verificationSettingsKeepDefaultsForWhatIsUnset() {
        assertEquals(VerificationPolicy.DEFAULTS, VerificationSettings.policy(null));
        VerificationSettings v = new VerificationSettings();
        v.setInterval("10s");
        v.setSuccessThreshold(3);
        v.setFailureThreshold(2);
        v.setBakeTime("2m");
        VerificationPolicy p = v.toPolicy();
        assertEquals(Duration.ofSeconds(10), p.interval());
        assertEquals(Duration.ofMinutes(2), p.bakeTime());
        assertEquals(3, p.successThreshold());
        assertEquals(VerificationPolicy.DEFAULTS.maxDuration(), p.maxDuration());
        VerificationSettings bad = new VerificationSettings();
        bad.setInterval("10");
        assertThat(assertThrows(InvalidInputException.class, bad::toPolicy).getMessage(),
                containsString("verification.interval"));
    }

    @Test
    public void deployReleaseMapsToCoresRequest() {
        DeployReleaseStep step = new DeployReleaseStep("production", "payments-api", "1.4.2");
        step.setHealthChecks(List.of(new HttpCheckSpec("https://prod.example.com/health")));
        step.setApprovals(2);
        step.setApprovers("alice, group:release-managers");
        step.setApprovalTimeout("2h");
        step.setForbidSelfApproval(true);
        step.setEmergencyReason("INC-4711");
        DeployRequest r = step.request(ORIGIN);
        assertEquals("production", r.environment());
        assertEquals("payments-api", r.artifactName());
        assertEquals("1.4.2", r.version());
        assertEquals("payments/deploy", r.job());
        assertEquals("payments/deploy#7", r.actor().name());
        assertEquals(1, r.verification().checks().size());
        assertEquals(Integer.valueOf(2), r.approval().required());
        assertEquals(Set.of(new Approver.User("alice"), new Approver.Group("release-managers")), r.approval().approvers());
        assertEquals(Duration.ofHours(2), r.approval().timeout());
        assertEquals(Boolean.FALSE, r.approval().allowSelfApproval());
        assertEquals("INC-4711", r.emergency().reason());

        DeployReleaseStep plain = new DeployReleaseStep("staging", "payments-api", "1.4.2");
        DeployRequest p = plain.request(ORIGIN);
        assertNull(p.emergency());
        assertNull(p.approval().required());
        assertTrue(p.verification().checks().isEmpty());

        assertThat(assertThrows(InvalidInputException.class,
                () -> new DeployReleaseStep(" ", "payments-api", "1").request(ORIGIN)).getMessage(), containsString("environment"));
    }

    @Test
    public void rollbackReleaseMapsToCoresRequest() {
        RollbackReleaseStep step = new RollbackReleaseStep("production");
        step.setTo("1.4.1");
        RollbackRequest r = step.request(ORIGIN);
        assertEquals("production", r.environment());
        assertEquals("1.4.1", r.toVersion());
        assertEquals("payments/deploy", r.job());
        assertNull(new RollbackReleaseStep("production").request(ORIGIN).toVersion());
    }

    @Test
    public void descriptorsNameTheStepsAndTheirBlocks() {
        assertEquals("deployRelease", new DeployReleaseStep.DescriptorImpl().getFunctionName());
        assertTrue(new DeployReleaseStep.DescriptorImpl().takesImplicitBlockArgument());
        assertEquals("rollbackRelease", new RollbackReleaseStep.DescriptorImpl().getFunctionName());
        assertTrue(new RollbackReleaseStep.DescriptorImpl().takesImplicitBlockArgument());
        assertEquals("verifyHealth", new VerifyHealthStep.DescriptorImpl().getFunctionName());
        assertFalse(new VerifyHealthStep.DescriptorImpl().takesImplicitBlockArgument());
    }

    @Test
    public void fixableErrorsBecomeOneLine() {
        AbortException ledger = StepErrors.fixable("deployRelease", new LedgerUnavailableException("jdbc:h2:x",
                "record the request", new java.sql.SQLException("connection refused")));
        assertThat(ledger.getMessage(), containsString("deployRelease: release ledger jdbc:h2:x could not record the request"));
        assertFalse(ledger.getMessage().contains("\n"));
        assertNull(StepErrors.fixable("deployRelease", new IllegalStateException("a bug")));
        AbortException invalid = StepErrors.fixable("deployRelease", new InvalidInputException("to", "9.9", "a version once live"));
        assertThat(invalid.getMessage(), containsString("deployRelease: to"));
    }

    @Test
    public void refusalsFromCoreReachThePipelineAsOneLineBeforeAnythingIsRecorded() throws Exception {
        try (TestHost host = new TestHost(
                EnvironmentPolicy.builder("staging", 1).approval(new ApprovalPolicy(1, Set.of(new Approver.User("bob")),
                        false, Duration.ofHours(1))).build(),
                EnvironmentPolicy.builder("production", 2).requires("staging").build())) {
            AbortException refused = start(new DeployReleaseStep("production", "payments-api", "1.0.0"));
            assertThat(refused.getMessage(), containsString("deployRelease: refused by production's policy"));

            DeployReleaseStep weaker = new DeployReleaseStep("staging", "payments-api", "1.0.0");
            weaker.setApprovers("mallory");
            assertThat(start(weaker).getMessage(), containsString("deployRelease: approval settings:"));

            assertThat(start(new DeployReleaseStep("qa", "payments-api", "1.0.0")).getMessage(), containsString("qa"));
            assertThat(start(new DeployReleaseStep("staging", "payments-api", "9.9.9")).getMessage(),
                    containsString("not registered"));
            assertTrue(host.ledger.history("staging", null, 10).releases().isEmpty());
            assertTrue(host.ledger.history("production", null, 10).releases().isEmpty());
        }
    }

    @Test
    public void anExecutionWaitingForApprovalsSaysForWhom() throws Exception {
        try (TestHost host = new TestHost(EnvironmentPolicy.builder("staging", 1).approval(new ApprovalPolicy(1,
                Set.of(new Approver.User("bob")), false, Duration.ofHours(1))).build())) {
            FakeStepContext context = new FakeStepContext((env, log, i) -> { });
            var execution = new DeployReleaseStep("staging", "payments-api", "1.0.0").start(context);
            execution.start();
            ReleaseStepExecutionTest.waitFor("the approval wait", () -> execution.getStatus().contains("waiting for"));
            assertThat(execution.getStatus(), containsString("waiting for 1 more approval(s) from bob"));
            execution.stop(new AbortException("no approver today"));
            assertThat(context.awaitFailure(), instanceOf(AbortException.class));
        }
    }

    private static AbortException start(DeployReleaseStep step) throws Exception {
        FakeStepContext context = new FakeStepContext((env, log, i) -> { });
        assertFalse(step.start(context).start());
        Throwable e = context.awaitFailure();
        assertThat(e, instanceOf(AbortException.class));
        assertFalse(e.getMessage(), e.getMessage().contains("\n"));
        assertTrue(context.invocations.isEmpty());
        return (AbortException) e;
    }
}
