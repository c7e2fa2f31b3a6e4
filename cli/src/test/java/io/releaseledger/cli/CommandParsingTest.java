package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.InvalidInputException;
import io.releaseledger.config.ReleaseLedgerYaml;
import io.releaseledger.config.ReleaseLedgerFile;
import io.releaseledger.health.CommandCheck;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.HttpCredentials;
import io.releaseledger.health.PrometheusCheck;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.secrets.SecretReference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import picocli.CommandLine;

/** How command lines are read: checks, verification options, the command after --, refusals. */
public class CommandParsingTest {

    private static DeployCommand parseDeploy(String... args) {
        CommandLine cl = ReleaseLedgerCli.commandLine(launcher(new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        return (DeployCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static Launcher launcher(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new Launcher(Map.of(), Path.of("."), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    @Test
    public void everyCommandIsListedUnderItsOwnName() {
        ReleaseLedgerCli.Commands.ALL.forEach((name, type) -> assertEquals(name,
                type.getAnnotation(picocli.CommandLine.Command.class).name()));
    }

    @Test
    public void eachCheckTakesTheOptionsThatFollowIt() {
        DeployCommand d = parseDeploy("deploy", "staging", "payments-api", "1.4.2",
                "--http-check", "https://a.example.com/health", "--expect-status", "200",
                "--http-check", "https://b.example.com/health", "--expect-json", "/status=UP", "--http-bearer", "env:PROBE_TOKEN",
                "--prometheus", "https://prom.example.com", "--query", "sum(rate(errors_total[1m]))", "--condition", "< 0.5",
                "--check-command", "./smoke.sh staging",
                "--interval", "10s", "--success-threshold", "3", "--failure-threshold", "2", "--bake-time", "2m",
                "--max-duration", "5m",
                "--", "./deploy.sh", "--force");
        assertEquals("staging", d.environment);
        assertEquals(List.of("./deploy.sh", "--force"), d.command);
        VerificationPlan plan = d.checks.plan();
        assertEquals(4, plan.checks().size());
        HttpCheck a = (HttpCheck) plan.checks().get(0);
        HttpCheck b = (HttpCheck) plan.checks().get(1);
        assertEquals("https://a.example.com/health", a.url().toString());
        assertTrue(a.expectStatus().toString().contains("200"));
        assertEquals(null, a.credentials());
        assertEquals(HttpCredentials.bearer("env:PROBE_TOKEN"), b.credentials());
        assertTrue(b.body() != null);
        PrometheusCheck p = (PrometheusCheck) plan.checks().get(2);
        assertEquals("sum(rate(errors_total[1m]))", p.query());
        CommandCheck c = (CommandCheck) plan.checks().get(3);
        assertEquals(List.of("/bin/sh", "-c", "./smoke.sh staging"), c.argv());
        assertEquals(Duration.ofSeconds(10), plan.policy().interval());
        assertEquals(3, plan.policy().successThreshold());
        assertEquals(2, plan.policy().failureThreshold());
        assertEquals(Duration.ofMinutes(2), plan.policy().bakeTime());
        assertEquals(Duration.ofMinutes(5), plan.policy().maxDuration());
    }

    @Test
    public void withoutChecksThePlanIsEmptyWithDefaultPolicy() {
        DeployCommand d = parseDeploy("deploy", "dev", "app", "1.0", "--", "true");
        assertTrue(d.checks.plan().checks().isEmpty());
        assertEquals(Duration.ofSeconds(10), d.checks.plan().policy().interval());
    }

    @Test
    public void aPrometheusCheckNeedsQueryAndCondition() {
        assertThrows(CommandLine.ParameterException.class, () -> parseDeploy("deploy", "dev", "app", "1.0",
                "--prometheus", "https://prom.example.com", "--query", "up", "--", "true"));
    }

    @Test
    public void aBadDurationNamesTheOption() {
        DeployCommand d = parseDeploy("deploy", "dev", "app", "1.0", "--interval", "10", "--", "true");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> d.checks.plan());
        assertTrue(e.getMessage(), e.getMessage().startsWith("--interval"));
    }

    @Test
    public void anInlineSecretInAReferenceIsRefusedWithoutRepeatingIt() {
        DeployCommand d = parseDeploy("deploy", "dev", "app", "1.0", "--http-check", "https://x.example.com/",
                "--http-bearer", "env:TOKEN=s3cr3t-value", "--", "true");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> d.checks.plan());
        assertFalse(e.getMessage(), e.getMessage().contains("s3cr3t-value"));
        assertTrue(e.getMessage(), e.getMessage().contains("env:NAME"));
        InvalidInputException literal = assertThrows(InvalidInputException.class,
                () -> SecretReference.parse("--http-bearer", "s3cr3t-value"));
        assertFalse(literal.getMessage().contains("s3cr3t-value"));
    }

    @Test
    public void secretOptionsAreRefusedBeforeParsing() {
        for (String arg : List.of("--secret", "--secret=KEY=VALUE", "--password", "--db-password=x", "--token", "--api-key")) {
            InvalidInputException e = assertThrows(arg, InvalidInputException.class,
                    () -> CommandLineSecrets.refuseInline(new String[] {"deploy", "dev", arg, "x"}));
            assertFalse(e.getMessage(), e.getMessage().contains("VALUE"));
        }
        // After -- it is the user's own command: not ours to judge.
        CommandLineSecrets.refuseInline(new String[] {"deploy", "dev", "app", "1", "--", "./deploy.sh", "--token-file", "t"});
        CommandLineSecrets.refuseInline(new String[] {"deploy", "dev", "app", "1", "--http-bearer", "env:T", "--", "x"});
    }

    @Test
    public void usageErrorsAreOneLineAndExit2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReleaseLedgerCli.run(new String[] {"history"}, launcher(out, err));
        assertEquals(ExitCode.BAD_INPUT, code);
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(text, 1, text.lines().count());
        assertEquals(ExitCode.BAD_INPUT, ReleaseLedgerCli.run(new String[] {"deploy", "--password", "x"},
                launcher(out, new ByteArrayOutputStream())));
    }

    @Test
    public void everyCommandHasHelpWithAnExample() {
        CommandLine cl = ReleaseLedgerCli.commandLine(launcher(new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            List<CommandLine> commands = e.getValue().getSubcommands().isEmpty() ? List.of(e.getValue())
                    : List.copyOf(e.getValue().getSubcommands().values());
            for (CommandLine c : commands) {
                String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertTrue(c.getCommandName() + " has no example:\n" + usage, usage.contains("release-ledger " + e.getKey()));
            }
        }
    }

    @Test
    public void theInitTemplateIsAValidConfiguration() throws Exception {
        ReleaseLedgerFile file = ReleaseLedgerYaml.parse(InitCommand.template(), "release-ledger.yaml");
        assertEquals(List.of("dev", "staging", "production"), file.environments().names());
        assertTrue(file.ledger().isEmpty());
    }

    @Test
    public void theInitTemplatesWebhookExampleIsValidUncommented() throws Exception {
        String template = InitCommand.template();
        String example = template.substring(template.indexOf("# notifications:")).replaceAll("(?m)^# ?", "");
        ReleaseLedgerFile file = ReleaseLedgerYaml.parse(example, "release-ledger.yaml");
        assertEquals(2, file.webhooks().size());
        assertTrue(file.webhooks().get(1).header().isPresent());
    }

    @Test
    public void exitCodesFollowHowTheReleaseSettled() {
        assertEquals(ExitCode.OK, ExitCode.of(release(ReleaseMode.DEPLOY, ReleaseState.LIVE)));
        assertEquals(ExitCode.REFUSED, ExitCode.of(release(ReleaseMode.DEPLOY, ReleaseState.REJECTED)));
        assertEquals(ExitCode.REFUSED, ExitCode.of(release(ReleaseMode.DEPLOY, ReleaseState.APPROVAL_TIMED_OUT)));
        assertEquals(ExitCode.UNHEALTHY, ExitCode.of(release(ReleaseMode.DEPLOY, ReleaseState.ROLLED_BACK)));
        assertEquals(ExitCode.UNHEALTHY, ExitCode.of(release(ReleaseMode.DEPLOY, ReleaseState.UNHEALTHY)));
        assertEquals(ExitCode.ROLLBACK_FAILED, ExitCode.of(release(ReleaseMode.DEPLOY, ReleaseState.ROLLBACK_FAILED)));
        assertEquals(ExitCode.ROLLBACK_FAILED, ExitCode.of(release(ReleaseMode.ROLLBACK, ReleaseState.UNHEALTHY)));
        assertEquals(ExitCode.FAILED, ExitCode.of(release(ReleaseMode.DEPLOY, ReleaseState.ABORTED)));
    }

    @Test
    public void exitCodesFollowTheException() {
        assertEquals(ExitCode.BAD_INPUT, ExitCode.of(new InvalidInputException("f", "v", "fix")));
        assertEquals(ExitCode.BAD_INPUT, ExitCode.of(new io.releaseledger.environment.UnknownEnvironmentException("qa", List.of("dev"))));
        assertEquals(ExitCode.LEDGER_UNAVAILABLE, ExitCode.of(new io.releaseledger.ledger.LedgerUnavailableException(
                "jdbc:postgresql://db/ledger", "open", new java.sql.SQLException("refused"))));
        assertEquals(ExitCode.FAILED, ExitCode.of(new IllegalStateException("bug")));
    }

    private static Release release(ReleaseMode mode, ReleaseState state) {
        java.time.Instant now = java.time.Instant.parse("2026-11-29T10:00:00Z");
        return new Release(1, "dev", "app", "1.0", io.releaseledger.artifact.Digest.sha256(new byte[0]), mode, state,
                null, null, "alice", "here", now, now, null);
    }
}
