package io.releaseledger.environment;

import static io.releaseledger.environment.PolicyFixtures.BERLIN;
import static io.releaseledger.environment.PolicyFixtures.at;
import static io.releaseledger.environment.PolicyFixtures.yaml;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.config.LedgerSettings;
import io.releaseledger.config.ReleaseLedgerFile;
import io.releaseledger.config.ReleaseLedgerYaml;
import io.releaseledger.notify.Notification;
import io.releaseledger.notify.WebhookTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.Test;

/** The whole {@code release-ledger.yaml}: ledger settings, environments and their policies, and every refusal. */
public class ReleaseLedgerYamlTest {

    /** Loads {@code policy/<name>}, reporting errors against the file name {@code <name>}. */
    private static ReleaseLedgerFile loadYaml(String name) {
        return ReleaseLedgerYaml.parse(yaml(name), name);
    }

    /** The error loading {@code policy/<name>} must raise. */
    private static InvalidPolicyException yamlError(String name) {
        return assertThrows(InvalidPolicyException.class, () -> loadYaml(name));
    }

    @Test
    public void documentedExampleLoadsWithEveryField() {
        ReleaseLedgerFile file = loadYaml("full.yaml");

        EnvironmentPolicy production = file.environments().environment("production");
        assertEquals(10, production.order());
        assertEquals(Set.of("staging"), production.requires());
        assertEquals(ApprovalPolicy.of(2, "alice", "group:release-managers").tightenedBy(
                ApprovalOverride.none().withTimeout(Duration.ofHours(4))), production.approval());
        assertEquals(List.of("weekend", "year-end"), production.freezes().stream().map(FreezeWindow::name).toList());
        assertTrue(production.freezes().get(1).covers(at("2026-12-24T12:00", BERLIN)));
        assertEquals(List.of(new JobPattern("team-a/**"), new JobPattern("payments/*-deploy")), production.allowedDeployers());
        assertEquals(List.of(new CredentialBinding("KUBE_TOKEN", "prod-kube-token")), production.credentials());
        assertEquals(new LedgerSettings("jdbc:postgresql://ledger.example.com:5432/release_ledger", "release_ledger",
                "RELEASE_LEDGER_DB_PASSWORD", null), file.ledger().orElseThrow());
        assertEquals(List.of(
                new WebhookTarget("env:CHAT_WEBHOOK_URL", Optional.empty(),
                        EnumSet.of(Notification.Kind.ROLLBACK_FAILED, Notification.Kind.ROLLBACK_PERFORMED)),
                new WebhookTarget("file:/run/secrets/pager-webhook-url",
                        Optional.of(new WebhookTarget.Header("Authorization", "env:PAGER_WEBHOOK_AUTH")),
                        EnumSet.allOf(Notification.Kind.class))), file.webhooks());
    }

    @Test
    public void omittedFieldsTakeTheirDefaults() {
        EnvironmentPolicy dev = loadYaml("full.yaml").environments().environment("dev");

        assertEquals(1, dev.order());  // position in the file
        assertEquals(ApprovalPolicy.NONE, dev.approval());
        assertTrue(dev.autoRollback());
        assertEquals(InconclusiveOutcome.UNHEALTHY, dev.onInconclusive());
        assertTrue(dev.allowsDeployer("anyone/at/all"));
    }

    @Test
    public void environmentsComeInPromotionOrder() {
        assertEquals(List.of("dev", "staging", "production"), loadYaml("full.yaml").environments().names());
    }

    @Test
    public void unknownYamlKeyIsAnErrorNamingLineAndAllowedKeys() {
        InvalidPolicyException e = yamlError("unknown-key.yaml");

        assertEquals("environments.production.aproval", e.field());
        assertEquals(OptionalInt.of(5), e.line());
        assertEquals("unknown-key.yaml, line 5: environments.production.aproval: unknown key \"aproval\"; allowed: the keys "
                + "allowedDeployers, approval, autoRollback, credentials, freezes, onInconclusive, order, requires", e.getMessage());
    }

    @Test
    public void negativeApprovalCountNamesFileLineFieldAndValue() {
        InvalidPolicyException e = yamlError("negative-required.yaml");

        assertEquals("negative-required.yaml, line 4: environments.production.approval.required: \"-1\" is not valid; "
                + "allowed: a whole number, 0 or more", e.getMessage());
        assertEquals("-1", e.value());
    }

    @Test
    public void passwordInTheFileIsRefusedWithoutRepeatingIt() {
        InvalidPolicyException e = yamlError("password-in-file.yaml");

        assertEquals("ledger.password", e.field());
        assertEquals(OptionalInt.of(4), e.line());
        assertTrue(e.getMessage(), e.getMessage().contains("passwordEnv"));
        assertFalse(e.getMessage(), e.getMessage().contains("hunter2"));
        assertEquals("(hidden)", e.value());
    }

    @Test
    public void requiresNamingAnUnknownEnvironmentIsAnErrorAtThatLine() {
        InvalidPolicyException e = yamlError("requires-unknown.yaml");

        assertEquals("requires-unknown.yaml, line 4: environments.production.requires: \"stagign\" is not a configured "
                + "environment; allowed: one of dev, production", e.getMessage());
    }

    @Test
    public void requiresNamingALaterEnvironmentIsAnError() {
        InvalidPolicyException e = yamlError("requires-later.yaml");

        assertEquals("environments.staging.requires", e.field());
        assertEquals(OptionalInt.of(4), e.line());
        assertTrue(e.getMessage(), e.getMessage().contains("\"production\" (order 2) does not come before staging (order 1)"));
    }

    @Test
    public void badCronNamesTheFreezeAndTheCronField() {
        InvalidPolicyException e = yamlError("bad-cron.yaml");

        assertEquals("environments.production.freezes[0].cron", e.field());
        assertEquals(OptionalInt.of(5), e.line());
        assertEquals("0 25 * * FRI", e.value());
        assertTrue(e.getMessage(), e.getMessage().contains("the hour field \"25\" is out of range (allowed 0-23)"));
    }

    @Test
    public void durationWithoutUnitIsAnError() {
        InvalidPolicyException e = yamlError("bad-duration.yaml");

        assertEquals("bad-duration.yaml, line 6: environments.production.approval.timeout: \"90\" is not valid; allowed: "
                + PolicyDurations.ALLOWED, e.getMessage());
    }

    @Test
    public void moreApprovalsThanListedApproversIsAnErrorAtTheCount() {
        InvalidPolicyException e = yamlError("too-many-approvals.yaml");

        assertEquals("environments.production.approval.required", e.field());
        assertEquals(OptionalInt.of(4), e.line());
    }

    @Test
    public void malformedYamlNamesTheLine() {
        InvalidPolicyException e = yamlError("not-yaml.yaml");

        assertEquals("not-yaml.yaml", e.file().orElseThrow());
        assertTrue(e.getMessage(), e.line().orElseThrow() >= 3);
        assertTrue(e.getMessage(), e.getMessage().contains("is not valid YAML"));
    }

    @Test
    public void duplicateKeyIsAnError() {
        InvalidPolicyException e = yamlError("duplicate-key.yaml");

        assertEquals("environments.production.autoRollback", e.field());
        assertEquals(OptionalInt.of(4), e.line());
    }

    @Test
    public void freezeNeedsEitherACronOrAStartAndEnd() {
        InvalidPolicyException e = yamlError("freeze-without-times.yaml");

        assertEquals("environments.production.freezes[0]", e.field());
        assertEquals(OptionalInt.of(4), e.line());
    }

    @Test
    public void yamlBooleansAreTrueOrFalseOnly() {
        InvalidPolicyException e = yamlError("bad-boolean.yaml");

        assertEquals("bad-boolean.yaml, line 3: environments.production.autoRollback: \"yes\" is not valid; "
                + "allowed: true or false (default true)", e.getMessage());
    }

    @Test
    public void emptyFileIsAnError() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> ReleaseLedgerYaml.parse("# nothing here\n", "empty.yaml"));

        assertTrue(e.getMessage(), e.getMessage().startsWith("empty.yaml, line 1: (file): is empty"));
    }

    @Test
    public void loadReadsFromAPath() throws Exception {
        Path file = Files.createTempFile("release-ledger", ".yaml");
        try {
            Files.writeString(file, yaml("full.yaml"));
            assertEquals(3, ReleaseLedgerYaml.load(file).environments().environments().size());
        } finally {
            Files.delete(file);
        }
    }
    @Test
    public void badApproverEntryNamesItsPositionInTheList() {
        InvalidPolicyException e = yamlError("bad-approver.yaml");

        assertEquals("environments.production.approval.approvers[1]", e.field());
        assertEquals(OptionalInt.of(7), e.line());
        assertEquals("group:", e.value());
    }

    @Test
    public void ledgerWithoutUrlIsAnError() {
        InvalidPolicyException e = yamlError("ledger-without-url.yaml");

        assertEquals("ledger.url", e.field());
        assertEquals(OptionalInt.of(1), e.line());
    }
}
