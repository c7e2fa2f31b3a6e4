package io.releaseledger;

import static org.junit.Assert.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.releaseledger.health.DirectProbeRunner;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.SecretResolver;
import io.releaseledger.notify.Notification;
import io.releaseledger.notify.WebhookNotifier;
import io.releaseledger.testing.ForwardingProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Probes and webhooks go out as the host's {@link HttpClients} says: through a real forwarding proxy on 127.0.0.1,
 * except for the host's no-proxy hosts, which are reached directly. The target is one real server reached by two
 * names: 127.0.0.1 (proxied) and localhost (a no-proxy host).
 */
public class HttpThroughTheHostsProxyTest {
    private final ForwardingProxy proxy = new ForwardingProxy();
    private final List<String> served = new CopyOnWriteArrayList<>();
    private HttpServer target;
    private HttpClients viaProxy;

    @Before
    public void start() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            served.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        viaProxy = () -> HttpClient.newBuilder().proxy(proxy.selector(Set.of("localhost")));
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
    public void aProbeGoesThroughTheHostsProxyAndANoProxyHostIsReachedDirectly() {
        DirectProbeRunner runner = new DirectProbeRunner(Clock.systemUTC(), SecretResolver.none(), UnaryOperator.identity(), viaProxy);

        assertEquals(HealthSample.Outcome.HEALTHY, runner.probe(HttpCheck.of(url("127.0.0.1", "/health"))).outcome());
        assertEquals(List.of("GET " + url("127.0.0.1", "/health") + " HTTP/1.1"), proxy.requests());

        assertEquals(HealthSample.Outcome.HEALTHY, runner.probe(HttpCheck.of(url("localhost", "/ready"))).outcome());
        assertEquals("the no-proxy host bypassed the proxy", 1, proxy.requests().size());
        assertEquals(List.of("GET /health", "GET /ready"), served);
    }

    @Test(timeout = 30_000)
    public void aWebhookGoesThroughTheHostsProxyAndANoProxyHostIsReachedDirectly() {
        Notification rollback = new Notification(Notification.Kind.ROLLBACK_PERFORMED, "production", 42, "payments-api",
                "1.4.2", "sha256:" + "ab".repeat(32), "rolled back to 1.4.1", Optional.of(URI.create("https://jenkins.example.com/")),
                Instant.parse("2026-11-29T06:00:00Z"));
        WebhookNotifier.builder(url("127.0.0.1", "/hook")).httpClients(viaProxy)
                .build().notify(rollback);
        assertEquals(List.of("POST " + url("127.0.0.1", "/hook") + " HTTP/1.1"), proxy.requests());

        WebhookNotifier.builder(url("localhost", "/direct")).httpClients(viaProxy)
                .build().notify(rollback);
        assertEquals(1, proxy.requests().size());
        assertEquals(List.of("POST /hook", "POST /direct"), served);
    }

    @Test(timeout = 30_000)
    public void withoutAHostProxyTheJvmsOwnSettingsApplyAndThisJvmHasNone() {
        // The default, as before: nothing set JVM-wide here, so nothing reaches the proxy.
        new DirectProbeRunner(Clock.systemUTC()).probe(HttpCheck.of(url("127.0.0.1", "/health")));
        assertEquals(List.of(), proxy.requests());
        assertEquals(List.of("GET /health"), served);
    }
}
