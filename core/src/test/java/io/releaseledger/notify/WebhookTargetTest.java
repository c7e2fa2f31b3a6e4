package io.releaseledger.notify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.Test;

public class WebhookTargetTest {

    @Test
    public void holdsReferencesNeverValues() {
        WebhookConfigurationException e = assertThrows(WebhookConfigurationException.class,
                () -> WebhookTarget.of("https://hooks.example.com/T0KEN-s3cr3t"));

        assertEquals("url", e.field());
        assertFalse(e.getMessage(), e.getMessage().contains("s3cr3t"));
        assertTrue(e.getMessage(), e.getMessage().contains("env:NAME"));
    }

    @Test
    public void aHeaderNeedsAValidNameAndAReference() {
        assertEquals("header.name", assertThrows(WebhookConfigurationException.class,
                () -> new WebhookTarget.Header("Content-Type", "env:X")).field());
        assertEquals("header.value", assertThrows(WebhookConfigurationException.class,
                () -> new WebhookTarget.Header("Authorization", "Bearer x")).field());
    }

    @Test
    public void aTargetWantsOnlyItsEvents() {
        WebhookTarget target = new WebhookTarget("env:HOOK", Optional.empty(), Set.of(Notification.Kind.ROLLBACK_FAILED));

        assertTrue(target.wants(Notification.Kind.ROLLBACK_FAILED));
        assertFalse(target.wants(Notification.Kind.APPROVAL_REQUESTED));
        assertThrows(WebhookConfigurationException.class, () -> new WebhookTarget("env:HOOK", Optional.empty(), Set.of()));
    }
}
