package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import hudson.util.Secret;
import io.releaseledger.notify.Notification;
import io.releaseledger.secrets.SecretMask;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** Webhooks in a real Jenkins (needs the Jenkins repository; run with -Pjenkins). */
public class ReleaseWebhookJenkinsTest {
    static final String HOOK_PATH = "/services/T0ABC/B0DEF/xq7TokenInThePath";

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private HttpServer receiver;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @Before
    public void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                        + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "chat-webhook", "chat webhook", Secret.fromString("http://127.0.0.1:" + receiver.getAddress().getPort()
                        + HOOK_PATH)));
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "chat-bearer", "chat bearer", Secret.fromString("Bearer hook-bearer-7781")));
        SystemCredentialsProvider.getInstance().save();
    }

    @After
    public void stopReceiver() {
        receiver.stop(0);
    }

    private static ReleaseWebhook webhook() {
        ReleaseWebhook webhook = new ReleaseWebhook("chat-webhook");
        webhook.setHeaderName("Authorization");
        webhook.setHeaderCredentialsId("chat-bearer");
        webhook.setEvents("rollback.failed");
        return webhook;
    }

    @Test
    public void theConfiguredWebhookReceivesTheNotificationWithTheReleasePage() throws Exception {
        ReleaseLedgerConfiguration.get().setWebhooks(List.of(webhook()));
        ReleaseLedgerConfiguration.get().notifier(SecretMask.none()).notify(new Notification(
                Notification.Kind.ROLLBACK_FAILED, "production", 42, "payments-api", "1.4.2", "sha256:" + "ab".repeat(32),
                "health check answered 503", Optional.empty(), Instant.now()));
        String got = received.poll(20, TimeUnit.SECONDS);
        assertNotNull("the receiver was notified", got);
        assertTrue(got, got.startsWith(HOOK_PATH + " Bearer hook-bearer-7781 "));
        assertTrue(got, got.contains("\"link\":\"" + r.getURL() + "release-ledger/#/releases/42\""));
    }

    @Test
    public void theFormSavesWhatItShowsAndTheAddressIsNeverInTheConfigFile() throws Exception {
        ReleaseLedgerConfiguration.get().setWebhooks(List.of(webhook()));
        r.configRoundtrip();
        ReleaseWebhook after = ReleaseLedgerConfiguration.get().getWebhooks().get(0);
        assertEquals("chat-webhook", after.getUrlCredentialsId());
        assertEquals("Authorization", after.getHeaderName());
        assertEquals("chat-bearer", after.getHeaderCredentialsId());
        assertEquals("rollback.failed", after.getEvents());
        String saved = Files.readString(r.jenkins.getRootDir().toPath().resolve(ReleaseLedgerConfiguration.class.getName()
                + ".xml"));
        assertTrue(saved, saved.contains("chat-webhook"));
        assertFalse(saved, saved.contains("xq7TokenInThePath"));
        assertFalse(saved, saved.contains("hook-bearer-7781"));
    }

    @Test
    public void validationNeedsPostAndTheConfigurePermission() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        String check = "descriptorByName/io.releaseledger.plugin.ReleaseWebhook/checkUrlCredentialsId?value=chat-webhook";

        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        admin.setThrowExceptionOnFailingStatusCode(false);
        assertEquals("GET is refused", 405, admin.goTo(check, null).getWebResponse().getStatusCode());
        Page checked = admin.getPage(admin.addCrumb(new WebRequest(new URL(r.getURL(), check), HttpMethod.POST)));
        assertEquals(200, checked.getWebResponse().getStatusCode());
        assertFalse(checked.getWebResponse().getContentAsString().contains("xq7TokenInThePath"));

        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);
        Page refused = reader.getPage(reader.addCrumb(new WebRequest(new URL(r.getURL(), check), HttpMethod.POST)));
        assertEquals("Overall/Read is not Release Ledger/Configure", 403, refused.getWebResponse().getStatusCode());
    }
}
