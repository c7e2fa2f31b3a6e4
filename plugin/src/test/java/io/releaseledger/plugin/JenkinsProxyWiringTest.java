package io.releaseledger.plugin;

import com.sun.net.httpserver.HttpServer;
import io.releaseledger.HttpClients;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.notify.Notification;
import io.releaseledger.plugin.agent.JenkinsHttp;
import io.releaseledger.plugin.agent.ProbeOnAgent;
import io.releaseledger.secrets.SecretMask;
import io.releaseledger.testing.ForwardingProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

/**
 * The plugin hands core the host's HTTP clients: webhooks (always sent from the controller) and probes taken in the
 * controller's JVM go through the proxy those clients carry — here a real forwarding proxy on 127.0.0.1, with
 * {@code localhost} as a no-proxy host, standing for Jenkins' {@code ProxyConfiguration} (its real use is the
 * {@code -Pjenkins} JenkinsProxyJenkinsTest). Off the controller's JVM (an agent) a probe uses the JVM's own settings.
 */
public class JenkinsProxyWiringTest {
    private final ForwardingProxy proxy = new ForwardingProxy();
    private final List<String> served = new CopyOnWriteArrayList<>();
    private HttpServer target;
    private final HttpClients viaProxy = () -> HttpClient.newBuilder().proxy(proxy.selector(Set.of("localhost")));

    @Before
    public void start() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            served.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
    }

    @After
    public void stop() {
        target.stop(0);
        proxy.close();
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + target.getAddress().getPort() + path;
    }

    @Test(timeout = 30_000)
    public void webhooksGoThroughTheHostsProxyExceptToNoProxyHosts() {
        Map<String, String> secretTexts = Map.of("chat-webhook", url("127.0.0.1", "/hook"), "local-webhook", url("localhost", "/local"));
        new WebhookFanOut(List.of(new ReleaseWebhook("chat-webhook"), new ReleaseWebhook("local-webhook")), secretTexts::get,
                SecretMask.none(), null, Runnable::run, viaProxy)
                .notify(new Notification(Notification.Kind.ROLLBACK_FAILED, "production", 7, "payments-api", "1.4.2",
                        "sha256:" + "cd".repeat(32), "rollback failed", Optional.empty(), Instant.parse("2026-11-29T06:00:00Z")));
        assertEquals(List.of("POST " + url("127.0.0.1", "/hook") + " HTTP/1.1"), proxy.requests());
        assertEquals(List.of("POST /hook", "POST /local"), served);
    }

    @Test(timeout = 30_000)
    public void aProbeTakenOnTheControllerGoesThroughTheHostsProxy() {
        ProbeOnAgent.Sample sample = new ProbeOnAgent(HttpCheck.of(url("127.0.0.1", "/health")), Map.of(), null).probe(viaProxy);
        assertEquals("HEALTHY", sample.outcome());
        assertEquals(List.of("GET " + url("127.0.0.1", "/health") + " HTTP/1.1"), proxy.requests());

        new ProbeOnAgent(HttpCheck.of(url("localhost", "/ready")), Map.of(), null).probe(viaProxy);
        assertEquals("a no-proxy host is reached directly", 1, proxy.requests().size());
        assertEquals(List.of("GET /health", "GET /ready"), served);
    }

    @Test
    public void offTheControllersJvmAProbeUsesTheJvmsOwnSettings() {
        // JenkinsJVM.isJenkinsJVM() is false here, as on an agent: Jenkins' proxy is the controller's, not the agent's.
        assertSame(HttpClients.JVM_DEFAULT, JenkinsHttp.here());
    }
}
