package io.releaseledger.notify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.After;
import org.junit.Test;

public class WebhookNotifierTest {

    private static final String TOKEN = "t0ken-that-must-never-be-logged";
    private static final Duration FAST = Duration.ofMillis(10);

    private final LogRecorder log = new LogRecorder();
    private ReceivingServer server;

    @After
    public void stop() {
        log.close();
        if (server != null) {
            server.close();
        }
    }

    private static Notification rollbackFailed() {
        return new Notification(Notification.Kind.ROLLBACK_FAILED, "production", 42, "payments-api", "1.4.2",
                "sha256:" + "ab".repeat(32), "health check /health answered 503 three times",
                Optional.of(URI.create("https://jenkins.example.com/release-ledger/releases/42")),
                Instant.parse("2026-11-29T06:00:00Z"));
    }

    private WebhookNotifier.Builder notifierFor(String url) {
        return WebhookNotifier.builder(url)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .backoff(FAST, FAST);
    }

    @Test(timeout = 30_000)
    public void postsNotificationAsJsonWithItsHeaders() {
        server = new ReceivingServer(204);
        notifierFor(server.url("/hooks/release"))
                .secretHeader("Authorization", () -> "Bearer " + TOKEN)
                .build()
                .notify(rollbackFailed());

        assertEquals(1, server.received().size());
        ReceivingServer.Received request = server.received().get(0);
        assertEquals("POST", request.method());
        assertEquals("/hooks/release", request.path());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("Bearer " + TOKEN, request.header("Authorization"));
        assertEquals("rollback.failed", request.header("X-Release-Ledger-Event"));
        assertNotNull(request.header("X-Release-Ledger-Delivery"));
        assertEquals("{\"environment\":\"production\",\"event\":\"rollback.failed\","
                + "\"link\":\"https://jenkins.example.com/release-ledger/releases/42\","
                + "\"message\":\"health check /health answered 503 three times\","
                + "\"release\":{\"artifact\":\"payments-api\",\"digest\":\"sha256:" + "ab".repeat(32) + "\","
                + "\"id\":42,\"version\":\"1.4.2\"},"
                + "\"text\":\"Rollback FAILED in production: payments-api 1.4.2 (release 42). health check /health"
                + " answered 503 three times https://jenkins.example.com/release-ledger/releases/42\","
                + "\"time\":\"2026-11-29T06:00:00Z\"}", request.body());
    }

    @Test(timeout = 30_000)
    public void retriesAfterServerErrorAndDeliversOnce() {
        server = new ReceivingServer(500, 200, 200);
        notifierFor(server.url("/hook")).build().notify(rollbackFailed());

        List<ReceivingServer.Received> received = server.received();
        assertEquals(2, received.size());
        assertEquals("the retry is the same delivery, so a receiver can drop a duplicate",
                received.get(0).header("X-Release-Ledger-Delivery"), received.get(1).header("X-Release-Ledger-Delivery"));
        assertEquals(received.get(0).body(), received.get(1).body());
    }

    @Test(timeout = 30_000)
    public void retriesWhenRateLimited() {
        server = new ReceivingServer(429, 200);
        notifierFor(server.url("/hook")).build().notify(rollbackFailed());
        assertEquals(2, server.received().size());
    }

    @Test(timeout = 30_000)
    public void honoursRetryAfterNoLongerThanTheBackoffCap() {
        server = new ReceivingServer(503, 200).askingToRetryAfter("3600");
        notifierFor(server.url("/hook")).backoff(FAST, Duration.ofMillis(50)).build().notify(rollbackFailed());

        assertEquals(2, server.received().size());
        assertTrue(log.text(), log.text().contains("failed (HTTP 503); retrying in 50 ms"));
    }

    @Test(timeout = 30_000)
    public void doesNotRetryClientError() {
        server = new ReceivingServer(400, 200);
        notifierFor(server.url("/hook")).build().notify(rollbackFailed());

        assertEquals(1, server.received().size());
        assertTrue(log.text(), log.text().contains("refused with HTTP 400; not retried"));
    }

    @Test(timeout = 30_000)
    public void givesUpAfterTheConfiguredAttemptsAndLogsIt() {
        server = new ReceivingServer(503);
        notifierFor(server.url("/hook")).maxAttempts(4).build().notify(rollbackFailed());

        assertEquals(4, server.received().size());
        assertTrue(log.text(), log.text().contains("rollback.failed for production release 42 not delivered after 4 attempts"
                + " (last: HTTP 503)"));
    }

    @Test(timeout = 30_000)
    public void neverFollowsRedirects() {
        server = new ReceivingServer(302).redirectingTo("/elsewhere");
        notifierFor(server.url("/hook")).build().notify(rollbackFailed());

        assertEquals(1, server.received().size());
        assertEquals("/hook", server.received().get(0).path());
        assertTrue(log.text(), log.text().contains("webhooks never follow redirects"));
    }

    @Test(timeout = 30_000)
    public void returnsWithoutThrowingWhenTheServerNeverAnswers() {
        server = new ReceivingServer().neverAnswering();
        WebhookNotifier notifier = WebhookNotifier.builder(server.url("/hook"))
                .requestTimeout(Duration.ofMillis(300))
                .maxAttempts(2)
                .backoff(FAST, FAST)
                .build();
        long started = System.nanoTime();
        notifier.notify(rollbackFailed());

        assertTrue("generous bound, only to catch a hang", Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20);
        assertTrue(log.text(), log.text().contains("not delivered after 2 attempts (last: no answer within 300 ms)"));
    }

    @Test(timeout = 30_000)
    public void returnsWithoutThrowingWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookNotifier.builder("http://127.0.0.1:" + closedPort + "/hook")
                .connectTimeout(Duration.ofSeconds(2))
                .backoff(FAST, FAST)
                .build()
                .notify(rollbackFailed());

        assertTrue(log.text(), log.text().contains("not delivered after 3 attempts (last: could not connect"));
    }

    @Test(timeout = 30_000)
    public void neverLogsTheSecretHeaderNorTheUrlPath() {
        server = new ReceivingServer(500, 401);
        notifierFor(server.url("/services/T000/B000/XXXXsecretpath"))
                .secretHeader("Authorization", () -> "Bearer " + TOKEN)
                .build()
                .notify(rollbackFailed());

        assertEquals(2, server.received().size());
        assertFalse(log.records().isEmpty());
        assertFalse(log.text(), log.text().contains(TOKEN));
        assertFalse(log.text(), log.text().contains("XXXXsecretpath"));
        assertTrue(log.text(), log.text().contains("webhook to http://127.0.0.1:"));
    }

    @Test(timeout = 30_000)
    public void aFailingSecretSupplierIsLoggedNotThrown() {
        server = new ReceivingServer(200);
        notifierFor(server.url("/hook"))
                .secretHeader("Authorization", () -> {
                    throw new IllegalStateException("credential prod-webhook-token not found");
                })
                .build()
                .notify(rollbackFailed());

        assertEquals(0, server.received().size());
        assertTrue(log.text(), log.text().contains("the value of header Authorization could not be obtained"));
    }

    @Test(timeout = 30_000)
    public void aSecretHeaderValueWithALineBreakIsRefusedWithoutShowingIt() {
        server = new ReceivingServer(200);
        notifierFor(server.url("/hook"))
                .secretHeader("Authorization", () -> "Bearer " + TOKEN + "\r\nX-Injected: 1")
                .build()
                .notify(rollbackFailed());

        assertEquals(0, server.received().size());
        assertTrue(log.text(), log.text().contains("is empty or contains a line break or another control character"));
        assertFalse(log.text(), log.text().contains(TOKEN));
    }

    @Test(timeout = 30_000)
    public void masksSecretsInTheBody() {
        server = new ReceivingServer(200);
        Notification leaky = new Notification(Notification.Kind.ROLLBACK_PERFORMED, "staging", 7, "payments-api",
                "1.4.3", "sha256:" + "cd".repeat(32), "probe said: invalid token " + TOKEN, Optional.empty(),
                Instant.parse("2026-11-29T06:00:00Z"));
        notifierFor(server.url("/hook")).mask(SecretMask.ofValues(List.of(TOKEN))).build().notify(leaky);

        String body = server.received().get(0).body();
        assertFalse(body, body.contains(TOKEN));
        assertTrue(body, body.contains("\"message\":\"probe said: invalid token ****\""));
        assertTrue(body, body.contains("\"link\":null"));
        assertTrue(body, body.contains("(release 7). probe said: invalid token ****\""));
    }

    @Test(timeout = 30_000)
    public void masksSecretsBeforeEscapingSoTheBodyStaysValidJson() {
        server = new ReceivingServer(200);
        String quoted = "s3cr\"t<tag>";
        Notification leaky = new Notification(Notification.Kind.ROLLBACK_FAILED, "staging", 8, "payments-api",
                "1.4.4", "sha256:" + "cd".repeat(32), "token " + quoted + " rejected", Optional.empty(),
                Instant.parse("2026-11-29T06:00:00Z"));
        notifierFor(server.url("/hook")).mask(SecretMask.ofValues(List.of(quoted))).build().notify(leaky);

        String body = server.received().get(0).body();
        assertTrue(body, body.contains("\"message\":\"token **** rejected\""));
        assertFalse(body, body.contains("s3cr"));
    }

    @Test
    public void refusesNonHttpUrlNamingTheFieldTheValueAndTheFix() {
        WebhookConfigurationException e = assertThrows(WebhookConfigurationException.class,
                () -> WebhookNotifier.builder("ftp://hooks.example.com/release"));
        assertEquals("url", e.field());
        assertEquals("url 'ftp://hooks.example.com/release' is not an http or https URL (its scheme is ftp);"
                + " give the full http:// or https:// address of the receiver, e.g. https://hooks.example.com/release-ledger",
                e.getMessage());
    }

    @Test
    public void refusesMissingOrMalformedUrl() {
        assertEquals("url", assertThrows(WebhookConfigurationException.class, () -> WebhookNotifier.builder(" ")).field());
        assertThrows(WebhookConfigurationException.class, () -> WebhookNotifier.builder("hooks.example.com/release"));
        assertThrows(WebhookConfigurationException.class, () -> WebhookNotifier.builder("https://exa mple.com/"));
        assertThrows(WebhookConfigurationException.class, () -> WebhookNotifier.builder("https:///no-host"));
    }

    @Test
    public void refusesUrlWithCredentialsWithoutShowingThem() {
        WebhookConfigurationException e = assertThrows(WebhookConfigurationException.class,
                () -> WebhookNotifier.builder("https://bot:hunter2@hooks.example.com/release?token=abc123"));
        assertEquals("url", e.field());
        assertFalse(e.getMessage(), e.getMessage().contains("hunter2"));
        assertFalse(e.getMessage(), e.getMessage().contains("abc123"));
        assertTrue(e.getMessage(), e.getMessage().contains("https://****@hooks.example.com/release?****"));
        assertTrue(e.getMessage(), e.getMessage().contains("secretHeader"));
    }

    @Test
    public void refusesSettingsThatCannotWork() {
        WebhookNotifier.Builder builder = WebhookNotifier.builder("https://hooks.example.com/release");
        assertEquals("maxAttempts", assertThrows(WebhookConfigurationException.class, () -> builder.maxAttempts(0)).field());
        assertEquals("requestTimeout",
                assertThrows(WebhookConfigurationException.class, () -> builder.requestTimeout(Duration.ZERO)).field());
        assertEquals("backoff", assertThrows(WebhookConfigurationException.class,
                () -> builder.backoff(Duration.ofSeconds(5), Duration.ofSeconds(1))).field());
        assertEquals("secretHeader",
                assertThrows(WebhookConfigurationException.class, () -> builder.secretHeader("Bad Header", () -> "x")).field());
        assertEquals("secretHeader",
                assertThrows(WebhookConfigurationException.class, () -> builder.secretHeader("Host", () -> "x")).field());
    }

    @Test
    public void toStringShowsOnlyTheOrigin() {
        String shown = WebhookNotifier.builder("https://hooks.example.com/services/T000/secret").build().toString();
        assertEquals("WebhookNotifier[https://hooks.example.com, 3 attempts]", shown);
    }
}
