package io.releaseledger.plugin;

import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.HealthSample;
import io.releaseledger.plugin.credentials.ResolvedCredential;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.testing.HostileSecret;
import io.releaseledger.web.LedgerWeb;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * A secret bound to the environment (a {@link CredentialBindingEntry}) holding quotes of both kinds, {@code $}, spaces,
 * a newline and non-ASCII letters, printed for real — by bash and dash under {@code set -x} in the deploy body and by a
 * failing command check — is found in no form in the build log, the step's failure, a webhook body received on
 * 127.0.0.1, or the ledger read back through its JSON API and its event export.
 */
public class BoundSecretMaskingTest {
    static final String SECRET = HostileSecret.VALUE;

    private TestHost host;
    private WebhookReceiver receiver;
    private Path dir;

    @Before
    public void setUp() throws Exception {
        host = new TestHost(EnvironmentPolicy.builder("staging", 1).credential("API_TOKEN", "api-token").build());
        host.credentials.put("api-token", new ResolvedCredential.SecretText(SECRET));
        receiver = new WebhookReceiver();
        host.secretTexts.put("chat-webhook", receiver.url("/hook"));
        host.webhooks = List.of(new ReleaseWebhook("chat-webhook"));
        dir = Files.createTempDirectory("bound-secret-");
        // The check reads the secret where a service would answer with it; the path, not the secret, is configured.
        Files.writeString(dir.resolve("secret"), SECRET, StandardCharsets.UTF_8);
    }

    @After
    public void tearDown() throws Exception {
        host.close();
        receiver.close();
    }

    /** The shells here: bash and dash, whichever exist (dash is Debian's {@code sh}). */
    private static List<String> shells() {
        List<String> shells = new ArrayList<>();
        for (String shell : List.of("/bin/bash", "/bin/dash")) {
            if (Files.isExecutable(Path.of(shell))) shells.add(shell);
        }
        assertFalse("no bash or dash to run a body with", shells.isEmpty());
        return shells;
    }

    /** What a deploy script prints of its token: the value, quoted by set -x, base64, hex; and it records the version. */
    private FakeStepContext.Block shellBody() {
        String script = "echo \"token: $API_TOKEN\"; x=\"$API_TOKEN\"; curl_header=\"Authorization: Bearer $API_TOKEN\";"
                + " printf '%s' \"$API_TOKEN\" | base64 -w0; echo; printf '%s' \"$API_TOKEN\" | od -An -tx1 -v | tr -d ' \\n';"
                + " echo; echo \"$RELEASE_ARTIFACT_VERSION\" > \"$0\"";
        return (env, log, invocation) -> {
            for (String shell : shells()) {
                ProcessBuilder pb = new ProcessBuilder(shell, "-xc", script, dir.resolve("version").toString())
                        .redirectErrorStream(true);
                pb.environment().putAll(env);
                Process p = pb.start();
                p.getInputStream().transferTo(log);
                assertEquals(shell + " ran the body", 0, p.waitFor());
            }
        };
    }

    /** A command check that fails while 2.0.0 is deployed, printing the secret it read, under set -x, as it goes. */
    private CommandCheckSpec failingCheck() {
        CommandCheckSpec check = new CommandCheckSpec(List.of("/bin/sh", "-xc",
                "v=$(cat \"$0/version\"); s=$(cat \"$0/secret\"); echo \"version $v, token $s\";"
                        + " printf '%s' \"$s\" | base64 -w0; echo; [ \"$v\" != 2.0.0 ]", dir.toString()));
        check.setName("smoke");
        return check;
    }

    private DeployReleaseStep deploy(String version, int successThreshold, String interval) {
        DeployReleaseStep step = new DeployReleaseStep("staging", "payments-api", version);
        step.setHealthChecks(List.of(failingCheck()));
        VerificationSettings v = new VerificationSettings();
        v.setInterval(interval);
        v.setSuccessThreshold(successThreshold);
        v.setFailureThreshold(1);
        v.setProbeTimeout("10s");
        v.setMaxDuration("60s");
        step.setVerification(v);
        return step;
    }

    @Test
    public void aSecretPrintedUnderSetXAndByAFailingCheckIsInNoFormInTheLogTheFailureTheWebhookOrTheLedger() throws Exception {
        FakeStepContext first = new FakeStepContext(shellBody());
        deploy("1.0.0", 1, "100ms").start(first).start();
        first.await();
        FakeStepContext context = new FakeStepContext(shellBody());
        deploy("2.0.0", 1, "100ms").start(context).start();
        Throwable failure = context.awaitFailure();

        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));
        assertEquals(ReleaseState.ROLLED_BACK, host.ledger.release(id).state());
        String log = first.log() + context.log();
        assertTrue("the shells traced the secret's use: " + log, log.contains("+ echo 'token: ****'") || log.contains("+ echo token: ****"));
        assertTrue("the check's output reached the ledger: " + samples(id), samples(id).contains("version 2.0.0, token ****"));
        assertNoForm("the build log", log);
        assertNoForm("the step's failure", trace(failure));
        assertNoForm("the ledger's samples", samples(id));
        assertNoForm("the ledger", ledgerText(id));
        assertNoForm("the webhooks", webhookBodies());
    }

    @Test
    public void afterARestartMidVerificationTheBodysSecretIsStillMaskedInWhatTheStepRecordsAndLogs() throws Exception {
        // A healthy check that prints the secret each round: three rounds, a restart after the first.
        FakeStepContext context = new FakeStepContext(shellBody());
        StepExecution execution = context.startStep(deploy("1.0.0", 3, "1500ms"));
        ReleaseStepExecutionTest.waitFor("the first round", () -> execution.getStatus().contains("round 1 taken"));
        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));

        StepExecution resumed = host.restartController(context, TestHost.Restart.CRASH);
        resumed.onResume();
        context.await();

        assertEquals(List.of(1, 2, 3), host.ledger.samples(id, ReleaseMode.DEPLOY).stream().map(HealthSample::round).toList());
        assertNoForm("the samples recorded after the restart", samples(id));
        assertNoForm("the ledger", ledgerText(id));
        assertNoForm("the build log", context.log());
    }

    @Test
    public void aBodyStoppedWithTheSecretInItsCauseRecordsAndReportsItMasked() throws Exception {
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> {
            throw new InterruptedException("stopped while pushing with " + env.get("API_TOKEN"));
        });
        deploy("1.0.0", 1, "100ms").start(context).start();
        Throwable failure = context.awaitFailure();

        long id = Long.parseLong(context.invocations.get(0).env.get("RELEASE_ID"));
        assertEquals(ReleaseState.ABORTED, host.ledger.release(id).state());
        assertTrue(host.ledger.release(id).reason(), host.ledger.release(id).reason().contains("pushing with ****"));
        assertNoForm("the ledger", ledgerText(id));
        assertNoForm("the step's failure", trace(failure));
        assertNoForm("the build log", context.log());
    }

    // --- where to look ------------------------------------------------------------------------------

    /** Every form of the secret and of each of its lines, and the forms credentials-binding masks besides. */
    private static Map<String, String> forms() {
        Map<String, String> forms = new LinkedHashMap<>(HostileSecret.leaks(SECRET));
        forms.put("dollars doubled", SECRET.replace("$", "$$"));
        for (String line : SECRET.split("\n")) {
            forms.put("line '" + line + "', dollars doubled", line.replace("$", "$$"));
            forms.put("line '" + line + "', dash's set -x", line.replace("'", "'\"'\"'"));
        }
        return forms;
    }

    private static void assertNoForm(String where, String text) {
        forms().forEach((name, form) -> assertFalse(where + " holds the secret (" + name + "):\n" + text, text.contains(form)));
    }

    private String samples(long id) {
        StringBuilder text = new StringBuilder();
        for (ReleaseMode phase : ReleaseMode.values()) {
            for (HealthSample s : host.ledger.samples(id, phase)) {
                text.append(s.check()).append('|').append(s.reason()).append('|').append(s.observed()).append('|')
                        .append(s.detail()).append('\n');
            }
        }
        return text.toString();
    }

    /** The release as the JSON API serves it, and every event of the ledger's chain. */
    private String ledgerText(long id) {
        StringBuilder text = new StringBuilder();
        text.append(new String(new LedgerWeb(host.ledger).get("/api/releases/" + id, Map.of()).body(), StandardCharsets.UTF_8));
        host.ledger.exportEvents(0, e -> text.append('\n').append(new String(e.canonicalBytes(), StandardCharsets.UTF_8)));
        return text.toString();
    }

    private String webhookBodies() throws InterruptedException {
        StringBuilder text = new StringBuilder();
        text.append(receiver.next().body()); // at least the rollback's announcement
        for (WebhookReceiver.Received r = receiver.poll(500); r != null; r = receiver.poll(500)) {
            text.append('\n').append(r.body());
        }
        return text.toString();
    }

    private static String trace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return failure.getMessage() + "\n" + text;
    }
}
