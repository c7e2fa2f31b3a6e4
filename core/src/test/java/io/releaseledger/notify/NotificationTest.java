package io.releaseledger.notify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.Test;

public class NotificationTest {

    private static Notification approvalRequested(String message) {
        return new Notification(Notification.Kind.APPROVAL_REQUESTED, "production", 43, "payments-api", "1.5.0",
                "sha256:" + "0f".repeat(32), message, Optional.empty(), Instant.parse("2026-11-29T06:00:00Z"));
    }

    @Test
    public void summaryReadsAsOneLineForPeople() {
        assertEquals("Approval requested in production: payments-api 1.5.0 (release 43). alice asks for 2 approvals",
                approvalRequested("alice asks for 2 approvals").summary());
    }

    @Test
    public void eventNamesAreStable() {
        assertEquals("rollback.performed", Notification.Kind.ROLLBACK_PERFORMED.event());
        assertEquals("rollback.failed", Notification.Kind.ROLLBACK_FAILED.event());
        assertEquals("approval.requested", Notification.Kind.APPROVAL_REQUESTED.event());
    }

    @Test
    public void refusesMissingFieldsNamingThem() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> approvalRequested(null));
        assertEquals("message", e.getMessage());
        NullPointerException link = assertThrows(NullPointerException.class, () -> new Notification(
                Notification.Kind.ROLLBACK_FAILED, "production", 1, "a", "1", "sha256:x", "m", null, Instant.EPOCH));
        assertTrue(link.getMessage(), link.getMessage().startsWith("link"));
    }

    @Test
    public void payloadWritesAnAbsentLinkAsNull() {
        String json = WebhookPayload.json(approvalRequested("needs approval"));
        assertTrue(json, json.contains("\"link\":null"));
        assertTrue(json, json.contains("\"event\":\"approval.requested\""));
    }
}
