package io.releaseledger.environment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;


import io.releaseledger.config.ReleaseLedgerFile;
import io.releaseledger.config.ReleaseLedgerYaml;
import io.releaseledger.notify.Notification;
import io.releaseledger.notify.WebhookTarget;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.Test;

/** The {@code notifications:} section: webhooks by reference, never a URL or header value in the file. */
public class NotificationsYamlTest {
    private static final String TOKEN = "T0KEN-s3cr3t-9f8e7d";

    private static ReleaseLedgerFile parse(String... lines) {
        return ReleaseLedgerYaml.parse(String.join("\n", lines) + "\n", "release-ledger.yaml");
    }

    private static InvalidPolicyException error(String... lines) {
        return assertThrows(InvalidPolicyException.class, () -> parse(lines));
    }

    private static void assertHidesToken(InvalidPolicyException e) {
        assertFalse(e.getMessage(), e.getMessage().contains(TOKEN));
        assertEquals("(hidden)", e.value());
    }

    @Test
    public void aWebhookWithOnlyAUrlGetsEveryEventAndNoHeader() {
        ReleaseLedgerFile file = parse("environments: {dev: {}}", "notifications:", "  webhooks:", "    - url: env:HOOK_URL");

        assertEquals(List.of(new WebhookTarget("env:HOOK_URL", Optional.empty(), EnumSet.allOf(Notification.Kind.class))), file.webhooks());
        assertTrue(file.webhooks().get(0).events().containsAll(EnumSet.allOf(Notification.Kind.class)));
    }

    @Test
    public void withoutNotificationsThereAreNoWebhooks() {
        assertEquals(List.of(), parse("environments: {dev: {}}").webhooks());
        assertEquals(List.of(), parse("environments: {dev: {}}", "notifications:").webhooks());
    }

    @Test
    public void aLiteralUrlIsRefusedNamingTheFieldAndTheFixWithoutRepeatingIt() {
        InvalidPolicyException e = error("environments: {dev: {}}", "notifications:", "  webhooks:",
                "    - url: https://hooks.slack.com/services/" + TOKEN);

        assertEquals("notifications.webhooks[0].url", e.field());
        assertEquals(OptionalInt.of(4), e.line());
        assertTrue(e.getMessage(), e.getMessage().startsWith(
                "release-ledger.yaml, line 4: notifications.webhooks[0].url: it is not a secret reference; allowed: env:NAME"));
        assertTrue(e.getMessage(), e.getMessage().contains("file:/path"));
        assertHidesToken(e);
    }

    @Test
    public void aValueWrittenAfterEnvIsRefusedWithoutRepeatingIt() {
        InvalidPolicyException e = error("notifications:", "  webhooks:", "    - url: env:HOOK=" + TOKEN);

        assertEquals("notifications.webhooks[0].url", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("after env: comes the name of an environment variable"));
        assertHidesToken(e);
    }

    @Test
    public void aWebhookWithoutAUrlIsAnError() {
        InvalidPolicyException e = error("notifications:", "  webhooks:", "    - url: env:A", "    - events: rollback.failed");

        assertEquals("notifications.webhooks[1].url", e.field());
        assertEquals(OptionalInt.of(4), e.line());
        assertTrue(e.getMessage(), e.getMessage().contains("is missing"));
    }

    @Test
    public void aWebhookWrittenAsAPlainValueIsRefusedWithoutRepeatingIt() {
        InvalidPolicyException item = error("notifications:", "  webhooks:", "    - https://hooks.example.com/" + TOKEN);
        assertEquals("notifications.webhooks[0]", item.field());
        assertHidesToken(item);

        InvalidPolicyException list = error("notifications:", "  webhooks: https://hooks.example.com/" + TOKEN);
        assertEquals("notifications.webhooks", list.field());
        assertHidesToken(list);
    }

    @Test
    public void anUnknownEventIsAnErrorListingTheValidOnes() {
        InvalidPolicyException e = error("notifications:", "  webhooks:", "    - url: env:HOOK_URL",
                "      events: [rollback.failed, rollback.done]");

        assertEquals("release-ledger.yaml, line 4: notifications.webhooks[0].events[1]: \"rollback.done\" is not valid;"
                + " allowed: one of rollback.performed, rollback.failed, approval.requested", e.getMessage());
    }

    @Test
    public void eventsNarrowWhatAWebhookReceives() {
        WebhookTarget target = parse("notifications:", "  webhooks:", "    - url: file:/run/secrets/hook",
                "      events: rollback.failed").webhooks().get(0);

        assertEquals(EnumSet.of(Notification.Kind.ROLLBACK_FAILED), target.events());
        assertFalse(target.wants(Notification.Kind.ROLLBACK_PERFORMED));
    }

    @Test
    public void anEmptyEventListIsAnError() {
        InvalidPolicyException e = error("notifications:", "  webhooks:", "    - url: env:HOOK_URL", "      events: []");

        assertEquals("notifications.webhooks[0].events", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("leave events out to send all of them"));
    }

    @Test
    public void aHeaderValueIsAReferenceNeverTheSecret() {
        InvalidPolicyException e = error("notifications:", "  webhooks:", "    - url: env:HOOK_URL", "      header:",
                "        name: Authorization", "        value: Bearer " + TOKEN);

        assertEquals("notifications.webhooks[0].header.value", e.field());
        assertEquals(OptionalInt.of(6), e.line());
        assertTrue(e.getMessage(), e.getMessage().contains("env:NAME"));
        assertHidesToken(e);
    }

    @Test
    public void aHeaderNameMustBeOneReleaseLedgerDoesNotSet() {
        InvalidPolicyException pasted = error("notifications:", "  webhooks:", "    - url: env:HOOK_URL", "      header:",
                "        name: 'Authorization: Bearer " + TOKEN + "'", "        value: env:HOOK_AUTH");
        assertEquals("notifications.webhooks[0].header.name", pasted.field());
        assertTrue(pasted.getMessage(), pasted.getMessage().contains("is not a valid HTTP header name"));
        assertHidesToken(pasted);

        InvalidPolicyException reserved = error("notifications:", "  webhooks:", "    - url: env:HOOK_URL", "      header:",
                "        name: X-Release-Ledger-Event", "        value: env:HOOK_AUTH");
        assertTrue(reserved.getMessage(), reserved.getMessage().contains("is set by Release Ledger or the HTTP client itself"));
    }

    @Test
    public void anUnknownKeyInAWebhookIsAnError() {
        InvalidPolicyException e = error("notifications:", "  webhooks:", "    - url: env:HOOK_URL", "      token: " + TOKEN);

        assertEquals("release-ledger.yaml, line 4: notifications.webhooks[0].token: unknown key \"token\"; allowed:"
                + " the keys events, header, url", e.getMessage());
    }
}
