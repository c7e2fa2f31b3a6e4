package io.releaseledger.plugin;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.util.FormValidation;
import io.releaseledger.InvalidInputException;
import io.releaseledger.notify.Notification;
import io.releaseledger.secrets.SecretMask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.springframework.security.access.AccessDeniedException;

/**
 * Webhooks as Jenkins configures them, mapped onto core's {@code WebhookNotifier} and sent through the fan-out the
 * steps use, to a real HTTP receiver on 127.0.0.1. Credentials are a map here; in Jenkins they are the global
 * secret texts, read as SYSTEM.
 */
public class ReleaseWebhookTest {
    static final String TOKEN_PATH = "/services/T0ABC/B0DEF/xq7TokenInThePath";
    static final String BEARER = "Bearer hook-bearer-7781";

    private WebhookReceiver receiver;
    private final Map<String, String> secretTexts = new ConcurrentHashMap<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Before
    public void setUp() throws Exception {
        receiver = new WebhookReceiver();
        secretTexts.put("chat-webhook", receiver.url(TOKEN_PATH));
        secretTexts.put("chat-bearer", BEARER);
        Logger.getLogger("").addHandler(capture);
    }

    @After
    public void tearDown() {
        Logger.getLogger("").removeHandler(capture);
        receiver.close();
    }

    static Notification notification(Notification.Kind kind, String message) {
        return new Notification(kind, "production", 42, "payments-api", "1.4.2", "sha256:" + "ab".repeat(32), message,
                Optional.empty(), Instant.parse("2026-11-29T06:00:00Z"));
    }

    private WebhookFanOut fanOut(String rootUrl, SecretMask mask, ReleaseWebhook... webhooks) {
        return new WebhookFanOut(List.of(webhooks), secretTexts::get, mask, rootUrl, Runnable::run);
    }

    private static ReleaseWebhook withHeader(String urlCredentialsId) {
        ReleaseWebhook webhook = new ReleaseWebhook(urlCredentialsId);
        webhook.setHeaderName("Authorization");
        webhook.setHeaderCredentialsId("chat-bearer");
        return webhook;
    }

    private String logText() {
        StringBuilder text = new StringBuilder();
        for (LogRecord r : logged) {
            text.append(r.getLevel()).append(' ').append(r.getMessage()).append('\n');
            if (r.getThrown() != null) text.append(r.getThrown()).append('\n');
        }
        return text.toString();
    }

    @Test
    public void aConfiguredWebhookReceivesTheNotificationWithItsHeaderAndTheReleasePage() throws Exception {
        fanOut("https://ci.example.com/", SecretMask.none(), withHeader("chat-webhook"))
                .notify(notification(Notification.Kind.ROLLBACK_FAILED, "health check /health answered 503"));

        WebhookReceiver.Received r = receiver.next();
        assertEquals("POST", r.method());
        assertEquals(TOKEN_PATH, r.path());
        assertEquals(BEARER, r.headers().get("authorization"));
        assertEquals("rollback.failed", r.headers().get("x-release-ledger-event"));
        assertThat(r.body(), containsString("\"event\":\"rollback.failed\""));
        assertThat(r.body(), containsString("\"environment\":\"production\""));
        assertThat(r.body(), containsString("\"link\":\"https://ci.example.com/release-ledger/#/releases/42\""));
        assertThat(r.body(), containsString("health check /health answered 503"));
    }

    @Test
    public void withoutAJenkinsRootUrlTheLinkIsNull() throws Exception {
        fanOut(null, SecretMask.none(), new ReleaseWebhook("chat-webhook"))
                .notify(notification(Notification.Kind.ROLLBACK_PERFORMED, "rolled back"));
        WebhookReceiver.Received r = receiver.next();
        assertThat(r.body(), containsString("\"link\":null"));
        assertNull("no header configured, none sent", r.headers().get("authorization"));
    }

    @Test
    public void theEventsFilterDropsOtherKinds() throws Exception {
        ReleaseWebhook failuresOnly = new ReleaseWebhook("chat-webhook");
        failuresOnly.setEvents("rollback.failed");
        WebhookFanOut notifier = fanOut("https://ci.example.com/", SecretMask.none(), failuresOnly);

        notifier.notify(notification(Notification.Kind.ROLLBACK_PERFORMED, "rolled back"));
        notifier.notify(notification(Notification.Kind.APPROVAL_REQUESTED, "approval requested"));
        notifier.notify(notification(Notification.Kind.ROLLBACK_FAILED, "rollback failed"));

        assertEquals("rollback.failed", receiver.next().headers().get("x-release-ledger-event"));
        assertNull("nothing else was sent", receiver.poll(300));
    }

    @Test
    public void anUnknownCredentialLogsOneWarningNamingItSendsNothingAndDoesNotThrow() throws Exception {
        ReleaseWebhook missingUrl = new ReleaseWebhook("no-such-credential");
        ReleaseWebhook missingHeader = new ReleaseWebhook("chat-webhook");
        missingHeader.setHeaderName("Authorization");
        missingHeader.setHeaderCredentialsId("no-such-bearer");

        fanOut("https://ci.example.com/", SecretMask.none(), missingUrl, missingHeader)
                .notify(notification(Notification.Kind.ROLLBACK_FAILED, "rollback failed"));

        assertNull("nothing sent", receiver.poll(300));
        List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(logText(), 2, warnings.size());
        assertThat(warnings.get(0).getMessage(), containsString("webhooks.no-such-credential.urlCredentialsId"));
        assertThat(warnings.get(0).getMessage(), containsString("'no-such-credential'"));
        assertThat(warnings.get(1).getMessage(), containsString("webhooks.chat-webhook.headerCredentialsId"));
        assertThat(warnings.get(1).getMessage(), containsString("'no-such-bearer'"));
        assertThat(logText(), not(containsString("xq7TokenInThePath")));
        for (LogRecord w : warnings) assertEquals("one line", 1, w.getMessage().lines().count());
    }

    @Test
    public void oneBrokenWebhookDoesNotKeepTheOthersFromTheirNotification() throws Exception {
        fanOut("https://ci.example.com/", SecretMask.none(), new ReleaseWebhook("no-such-credential"),
                new ReleaseWebhook("chat-webhook")).notify(notification(Notification.Kind.ROLLBACK_FAILED, "failed"));
        assertEquals(TOKEN_PATH, receiver.next().path());
    }

    @Test
    public void aNonHttpAddressIsRefusedNamingTheWebhookAndFieldButNotTheToken() {
        secretTexts.put("ftp-hook", "ftp://hooks.example.com/services/T0ABC/B0DEF/xq7TokenInThePath");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ReleaseWebhook("ftp-hook").toNotifier(secretTexts::get, SecretMask.none()));
        assertEquals("webhooks.ftp-hook.urlCredentialsId", e.field());
        assertThat(e.getMessage(), containsString("http:// or https://"));
        assertThat(e.getMessage(), not(containsString("xq7TokenInThePath")));
        assertThat(e.getMessage(), not(containsString("T0ABC")));

        FormValidation check = ReleaseWebhook.validateUrlCredentialsId("ftp-hook", secretTexts::get);
        assertEquals(FormValidation.Kind.ERROR, check.kind);
        assertThat(check.getMessage(), containsString("webhooks.ftp-hook.urlCredentialsId"));
        assertThat(check.getMessage(), not(containsString("xq7TokenInThePath")));

        // At notify time: a warning without the token, nothing thrown.
        fanOut("https://ci.example.com/", SecretMask.none(), new ReleaseWebhook("ftp-hook"))
                .notify(notification(Notification.Kind.ROLLBACK_FAILED, "failed"));
        assertThat(logText(), containsString("webhooks.ftp-hook.urlCredentialsId"));
        assertThat(logText(), not(containsString("xq7TokenInThePath")));
    }

    @Test
    public void anAddressWithUserInfoOrNoHostIsRefusedWithoutEchoingIt() {
        for (String url : List.of("https://user:xq7TokenInThePath@hooks.example.com/x", "https:///xq7TokenInThePath",
                "not a url xq7TokenInThePath", "hooks.example.com/xq7TokenInThePath")) {
            secretTexts.put("bad", url);
            InvalidInputException e = assertThrows(url, InvalidInputException.class,
                    () -> new ReleaseWebhook("bad").toNotifier(secretTexts::get, SecretMask.none()));
            assertEquals("webhooks.bad.urlCredentialsId", e.field());
            assertThat(e.getMessage(), not(containsString("xq7TokenInThePath")));
        }
    }

    @Test
    public void theBodyIsMaskedWithTheDeployBodysSecrets() throws Exception {
        fanOut("https://ci.example.com/", SecretMask.ofValues(List.of("tok-3f9a-secret")), new ReleaseWebhook("chat-webhook"))
                .notify(notification(Notification.Kind.ROLLBACK_PERFORMED, "deploy.sh failed: token tok-3f9a-secret refused"));
        String body = receiver.next().body();
        assertThat(body, not(containsString("tok-3f9a-secret")));
        assertThat(body, containsString("token **** refused"));
    }

    @Test
    public void settingsAreCheckedWhenSavedNamingTheWebhookAndField() {
        assertEquals("webhooks.(no urlCredentialsId).urlCredentialsId",
                assertThrows(InvalidInputException.class, () -> new ReleaseWebhook(" ").checkSettings()).field());

        ReleaseWebhook noCredential = new ReleaseWebhook("chat-webhook");
        noCredential.setHeaderName("Authorization");
        assertEquals("webhooks.chat-webhook.headerCredentialsId",
                assertThrows(InvalidInputException.class, noCredential::checkSettings).field());

        ReleaseWebhook noName = new ReleaseWebhook("chat-webhook");
        noName.setHeaderCredentialsId("chat-bearer");
        assertEquals("webhooks.chat-webhook.headerName",
                assertThrows(InvalidInputException.class, noName::checkSettings).field());

        for (String name : List.of("Bad Header", "Content-Type", "X-Release-Ledger-Event")) {
            ReleaseWebhook header = withHeader("chat-webhook");
            header.setHeaderName(name);
            InvalidInputException e = assertThrows(name, InvalidInputException.class, header::checkSettings);
            assertEquals("webhooks.chat-webhook.headerName", e.field());
            assertThat(e.getMessage(), containsString("header name '" + name + "'"));
        }

        ReleaseWebhook events = new ReleaseWebhook("chat-webhook");
        events.setEvents("rollback.failed\nrollback.sucess");
        InvalidInputException e = assertThrows(InvalidInputException.class, events::checkSettings);
        assertEquals("webhooks.chat-webhook.events", e.field());
        assertThat(e.getMessage(), containsString("rollback.sucess"));
        assertThat(e.getMessage(), containsString("approval.requested"));

        withHeader("chat-webhook").checkSettings();
        events.setEvents("rollback.failed, approval.requested");
        events.checkSettings();
        assertTrue(events.accepts(Notification.Kind.APPROVAL_REQUESTED));
        assertTrue(!events.accepts(Notification.Kind.ROLLBACK_PERFORMED));
        assertTrue("empty means all", new ReleaseWebhook("x").accepts(Notification.Kind.ROLLBACK_PERFORMED));
    }

    @Test
    public void formValidationRefusesWithoutConfigureBeforeLookingAtAnyCredential() {
        List<String> lookedUp = new ArrayList<>();
        ReleaseWebhook.SecretTexts recording = id -> {
            lookedUp.add(id);
            return secretTexts.get(id);
        };
        FakeJenkins reader = new FakeJenkins(null, ReleaseLedgerPermissions.VIEW);
        ReleaseWebhook.DescriptorImpl descriptor = new ReleaseWebhook.DescriptorImpl(reader, recording);

        assertThrows(AccessDeniedException.class, () -> descriptor.doCheckUrlCredentialsId("chat-webhook"));
        assertThrows(AccessDeniedException.class, () -> descriptor.doCheckHeaderName("Authorization", "chat-bearer"));
        assertThrows(AccessDeniedException.class, () -> descriptor.doCheckHeaderCredentialsId("Authorization", "chat-bearer"));
        assertThrows(AccessDeniedException.class, () -> descriptor.doCheckEvents("rollback.failed"));
        assertEquals(List.of("check Configure", "check Configure", "check Configure", "check Configure"), reader.asked);
        assertTrue("no credential was read for them", lookedUp.isEmpty());

        FakeJenkins admin = new FakeJenkins(null, ReleaseLedgerPermissions.CONFIGURE);
        ReleaseWebhook.DescriptorImpl allowed = new ReleaseWebhook.DescriptorImpl(admin, recording);
        assertEquals(FormValidation.Kind.OK, allowed.doCheckUrlCredentialsId("chat-webhook").kind);
        assertEquals(FormValidation.Kind.ERROR, allowed.doCheckUrlCredentialsId("chat-webhok").kind);
        assertEquals(FormValidation.Kind.ERROR, allowed.doCheckUrlCredentialsId("").kind);
        assertEquals(FormValidation.Kind.OK, allowed.doCheckHeaderName("Authorization", "chat-bearer").kind);
        assertEquals(FormValidation.Kind.OK, allowed.doCheckHeaderName("", "").kind);
        assertEquals(FormValidation.Kind.ERROR, allowed.doCheckHeaderCredentialsId("Authorization", "no-such").kind);
        assertEquals(FormValidation.Kind.ERROR, allowed.doCheckHeaderName("Bad Header", "chat-bearer").kind);
        assertEquals(FormValidation.Kind.OK, allowed.doCheckEvents("").kind);
        assertEquals(FormValidation.Kind.ERROR, allowed.doCheckEvents("rollback").kind);
        assertEquals(List.of("check Configure"), admin.asked.subList(0, 1));
    }

    @Test
    public void jenkinsSendsOnItsOwnThreadsSoASlowReceiverNeverHoldsTheStep() throws Exception {
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.BlockingQueue<String> arrived = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
        com.sun.net.httpserver.HttpServer slow = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/", exchange -> {
            arrived.add(exchange.getRequestURI().getPath());
            try {
                answer.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answered.set(true);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        slow.start();
        try {
            secretTexts.put("slow", "http://127.0.0.1:" + slow.getAddress().getPort() + "/slow");
            new WebhookFanOut(List.of(new ReleaseWebhook("slow")), secretTexts::get, SecretMask.none(), null,
                    WebhookFanOut.DELIVERIES).notify(notification(Notification.Kind.ROLLBACK_FAILED, "failed"));
            assertTrue("notify returned before the receiver answered", !answered.get());
            assertEquals("/slow", arrived.poll(10, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            answer.countDown();
            slow.stop(0);
        }
    }

    @Test
    public void webhookCredentialsNeverReachTheLogEvenWhenTheReceiverRefuses() throws Exception {
        // A receiver that is not there: core retries and warns, naming the origin only.
        secretTexts.put("gone", "http://127.0.0.1:9/services/T0ABC/B0DEF/xq7TokenInThePath");
        ReleaseWebhook gone = new ReleaseWebhook("gone");
        gone.setHeaderName("Authorization");
        gone.setHeaderCredentialsId("chat-bearer");
        new WebhookFanOut(List.of(gone), secretTexts::get, SecretMask.none(), null, Runnable::run)
                .notify(notification(Notification.Kind.ROLLBACK_FAILED, "failed"));
        assertThat(logText(), containsString("127.0.0.1:9"));
        assertThat(logText(), not(containsString("xq7TokenInThePath")));
        assertThat(logText(), not(containsString("hook-bearer-7781")));
    }
}
