package io.releaseledger.health;

import io.releaseledger.testing.VirtualClock;
import static io.releaseledger.health.HealthSample.Outcome.HEALTHY;
import static io.releaseledger.health.HealthSample.Outcome.INCONCLUSIVE;
import static io.releaseledger.health.HealthSample.Outcome.UNHEALTHY;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** HTTP probes against a real server on 127.0.0.1 whose behaviour each test controls. */
public class HttpCheckTest {
    private static final String TOKEN = "s3cr3t-token-value";

    private HttpServer server;
    private ExecutorService executor;
    private final CountDownLatch releaseHangingRequests = new CountDownLatch(1);
    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private final AtomicReference<String> jsonBody = new AtomicReference<>("{\"status\":\"UP\"}");
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private final AtomicReference<String> lastProbeHeader = new AtomicReference<>();
    private DirectProbeRunner runner;

    @Before
    public void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/health", ex -> {
            lastAuthorization.set(ex.getRequestHeaders().getFirst("Authorization"));
            lastProbeHeader.set(ex.getRequestHeaders().getFirst("X-Probe"));
            respond(ex, healthStatus.get(), "{\"status\":\"" + (healthStatus.get() == 200 ? "UP" : "DOWN") + "\"}");
        });
        server.createContext("/echo", ex -> respond(ex, 500, "you sent " + ex.getRequestHeaders().getFirst("Authorization")));
        server.createContext("/json", ex -> respond(ex, 200, jsonBody.get()));
        server.createContext("/hang", ex -> {
            try {
                releaseHangingRequests.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, "late");
        });
        server.createContext("/old", ex -> redirect(ex, "/health"));
        server.createContext("/away", ex -> redirect(ex, "http://localhost:" + port() + "/health?token=abc"));
        server.createContext("/loop", ex -> redirect(ex, "/loop"));
        server.createContext("/recovering", ex -> respond(ex, requests.incrementAndGet() <= 2 ? 500 : 200, "."));
        server.createContext("/flapping", ex -> respond(ex, requests.incrementAndGet() % 2 == 1 ? 200 : 500, "."));
        server.createContext("/auth", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            lastAuthorization.set(auth);
            boolean ok = ("Bearer " + TOKEN).equals(auth) || "Basic cHJvYmU6czNjcjN0LXRva2VuLXZhbHVl".equals(auth);
            respond(ex, ok ? 200 : 401, ok ? "welcome" : "echo: " + auth);
        });
        server.start();
        Map<String, String> vault = Map.of("probe-token", TOKEN);
        SecretResolver secrets = ref -> {
            String v = vault.get(ref);
            if (v == null) throw new IllegalArgumentException("no secret named " + ref);
            return v.toCharArray();
        };
        runner = new DirectProbeRunner(Clock.systemUTC(), secrets, text -> text.replace(TOKEN, "****"));
    }

    @After
    public void stopServer() {
        releaseHangingRequests.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    @Test
    public void expectedStatusIsHealthy() {
        HealthSample s = runner.probe(HttpCheck.of(url("/health")).expecting("200"));
        assertEquals(s.reason(), HEALTHY, s.outcome());
        assertEquals("200", s.observed());
        assertEquals("GET " + url("/health"), s.check());
    }

    @Test
    public void serverReturning500IsUnhealthyWithTheBodyKept() {
        healthStatus.set(500);
        HealthSample s = runner.probe(HttpCheck.of(url("/health")));
        assertEquals(UNHEALTHY, s.outcome());
        assertEquals("status 500 is not in 2xx", s.reason());
        assertEquals("{\"status\":\"DOWN\"}", s.detail());
    }

    @Test
    public void hangingProbeTimesOutAsUnhealthy() {
        long started = System.nanoTime();
        HealthSample s = runner.probe(HttpCheck.of(url("/hang")).withTimeout(Duration.ofSeconds(1)));
        assertEquals(UNHEALTHY, s.outcome());
        assertEquals("timed out after 1s", s.reason());
        assertTrue("probe must not hang", System.nanoTime() - started < TimeUnit.SECONDS.toNanos(15));
    }

    @Test
    public void refusedConnectionIsUnhealthy() throws IOException {
        int port;
        try (java.net.ServerSocket closedSoon = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closedSoon.getLocalPort();
        }
        HealthSample s = runner.probe(HttpCheck.of("http://127.0.0.1:" + port + "/health"));
        assertEquals(UNHEALTHY, s.outcome());
        assertTrue(s.reason(), s.reason().contains("127.0.0.1:" + port));
    }

    @Test
    public void unreachablePrometheusIsInconclusiveNotUnhealthy() throws IOException {
        int port;
        try (java.net.ServerSocket closedSoon = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closedSoon.getLocalPort();
        }
        HealthSample s = runner.probe(PrometheusCheck.of("http://127.0.0.1:" + port, "up", "== 1"));
        assertEquals(INCONCLUSIVE, s.outcome());
        assertTrue(s.reason(), s.reason().startsWith("Prometheus could not connect to 127.0.0.1:" + port));
    }

    @Test
    public void prometheusBehindARedirectIsInconclusive() {
        HealthSample s = runner.probe(PrometheusCheck.of(url("/old"), "up", "== 1"));
        assertEquals(INCONCLUSIVE, s.outcome());
        assertTrue(s.reason(), s.reason().startsWith("Prometheus answered status 302 (a redirect)"));
    }

    @Test
    public void redirectToTheSameHostIsFollowed() {
        HealthSample s = runner.probe(HttpCheck.of(url("/old")).withBody(BodyExpectation.jsonPointer("/status", "UP")));
        assertEquals(s.reason(), HEALTHY, s.outcome());
    }

    @Test
    public void redirectIsNotFollowedWhenItsStatusIsExpected() {
        HealthSample s = runner.probe(HttpCheck.of(url("/old")).expecting("302"));
        assertEquals(HEALTHY, s.outcome());
        assertEquals("302", s.observed());
    }

    @Test
    public void redirectToAnotherHostIsUnhealthy() {
        HealthSample s = runner.probe(HttpCheck.of(url("/away")));
        assertEquals(UNHEALTHY, s.outcome());
        assertTrue(s.reason(), s.reason().startsWith("redirected to another host: status 302 from 127.0.0.1 to http://localhost:"));
        assertFalse("query strings may hold tokens", s.reason().contains("token=abc"));
        assertNull("the other host must not be contacted", lastAuthorization.get());
    }

    @Test
    public void redirectLoopIsUnhealthyAfterFiveHops() {
        HealthSample s = runner.probe(HttpCheck.of(url("/loop")));
        assertEquals(UNHEALTHY, s.outcome());
        assertTrue(s.reason(), s.reason().startsWith("more than 5 redirects"));
    }

    @Test
    public void jsonPointerChecksANestedValue() {
        jsonBody.set("{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"DOWN\"},\"disk/space\":{\"free\":1.0e3}},\"ok\":true}");
        HealthSample up = runner.probe(HttpCheck.of(url("/json")).withBody(BodyExpectation.jsonPointer("/status", "UP")));
        assertEquals(up.reason(), HEALTHY, up.outcome());
        assertEquals("UP", up.observed());
        HealthSample db = runner.probe(HttpCheck.of(url("/json")).withBody(BodyExpectation.jsonPointer("/components/db/status", "UP")));
        assertEquals(UNHEALTHY, db.outcome());
        assertEquals("/components/db/status is \"DOWN\", expected UP", db.reason());
        HealthSample escaped = runner.probe(HttpCheck.of(url("/json"))
                .withBody(BodyExpectation.jsonPointer("/components/disk~1space/free", "1000")));
        assertEquals(escaped.reason(), HEALTHY, escaped.outcome());
        assertEquals(HEALTHY, runner.probe(HttpCheck.of(url("/json")).withBody(BodyExpectation.jsonPointer("/ok", "true"))).outcome());
    }

    @Test
    public void jsonPointerToAMissingMemberOrANonJsonBodyIsUnhealthy() {
        jsonBody.set("{\"status\":\"UP\",\"checks\":[{\"name\":\"db\"}]}");
        HealthSample missing = runner.probe(HttpCheck.of(url("/json")).withBody(BodyExpectation.jsonPointer("/checks/1/name", "db")));
        assertEquals(UNHEALTHY, missing.outcome());
        assertEquals("/checks/1/name not found: /checks has 1 elements, no index 1", missing.reason());
        jsonBody.set("<html>UP</html>");
        HealthSample html = runner.probe(HttpCheck.of(url("/json")).withBody(BodyExpectation.jsonPointer("/status", "UP")));
        assertEquals(UNHEALTHY, html.outcome());
        assertTrue(html.reason(), html.reason().startsWith("body is not JSON"));
    }

    @Test
    public void bodyRegexMustBeFound() {
        jsonBody.set("{\"status\" : \"UP\"}");
        assertEquals(HEALTHY, runner.probe(HttpCheck.of(url("/json")).withBody(BodyExpectation.matches("\"status\"\\s*:\\s*\"UP\""))).outcome());
        HealthSample s = runner.probe(HttpCheck.of(url("/json")).withBody(BodyExpectation.matches("DEGRADED")));
        assertEquals(UNHEALTHY, s.outcome());
        assertEquals("body does not match /DEGRADED/", s.reason());
    }

    @Test
    public void headersAreSent() {
        runner.probe(HttpCheck.of(url("/health")).withHeader("X-Probe", "release-ledger"));
        assertEquals("release-ledger", lastProbeHeader.get());
    }

    @Test
    public void bearerSecretIsResolvedAtProbeTimeAndNeverShown() {
        HttpCheck check = HttpCheck.of(url("/auth")).withCredentials(HttpCredentials.bearer("probe-token"));
        HealthSample s = runner.probe(check);
        assertEquals(s.reason(), HEALTHY, s.outcome());
        assertEquals("Bearer " + TOKEN, lastAuthorization.get());
        assertFalse(check.toString().contains(TOKEN));
        assertFalse(s.toJson().contains(TOKEN));
    }

    @Test
    public void basicCredentialsAreSentAndAnEchoedSecretIsMasked() {
        HealthSample ok = runner.probe(HttpCheck.of(url("/auth")).withCredentials(HttpCredentials.basic("probe", "probe-token")));
        assertEquals(ok.reason(), HEALTHY, ok.outcome());
        // A broken server echoes the header it got; the masker keeps the token out of the sample.
        HealthSample echoed = runner.probe(HttpCheck.of(url("/echo")).withCredentials(HttpCredentials.bearer("probe-token")));
        assertEquals(UNHEALTHY, echoed.outcome());
        assertEquals("you sent Bearer ****", echoed.detail());
        assertFalse(echoed.toJson().contains(TOKEN));
    }

    @Test
    public void unknownSecretReferenceIsInconclusiveAndSendsNothing() {
        HealthSample s = runner.probe(HttpCheck.of(url("/auth")).withCredentials(HttpCredentials.bearer("missing-ref")));
        assertEquals(INCONCLUSIVE, s.outcome());
        assertEquals("could not resolve credentials: no secret named missing-ref", s.reason());
        assertNull(lastAuthorization.get());
    }

    @Test
    public void serverReturning500ThenRecoveringBecomesHealthyAfterThreshold() throws InterruptedException {
        Instant start = Instant.parse("2026-11-29T06:00:00Z");
        VirtualClock clock = new VirtualClock(start);
        Verifier verifier = new Verifier(new DirectProbeRunner(clock), clock, clock.sleeper());
        List<HealthSample> samples = new ArrayList<>();
        Verification.Concluded c = verifier.verify(VerificationPolicy.DEFAULTS.withThresholds(3, 3),
                List.of(HttpCheck.of(url("/recovering"))), start, samples::add);
        assertEquals(c.reason(), Verdict.HEALTHY, c.verdict());
        assertEquals(List.of(UNHEALTHY, UNHEALTHY, HEALTHY, HEALTHY, HEALTHY), samples.stream().map(HealthSample::outcome).toList());
        assertEquals(start.plusSeconds(40), c.at());
        assertEquals(5, samples.get(4).round());
    }

    @Test
    public void flappingServerNeverReachesSuccessThreshold() throws InterruptedException {
        Instant start = Instant.parse("2026-11-29T06:00:00Z");
        VirtualClock clock = new VirtualClock(start);
        Verifier verifier = new Verifier(new DirectProbeRunner(clock), clock, clock.sleeper());
        List<HealthSample> samples = new ArrayList<>();
        Verification.Concluded c = verifier.verify(VerificationPolicy.DEFAULTS.withMaxDuration(Duration.ofMinutes(2)),
                List.of(HttpCheck.of(url("/flapping"))), start, samples::add);
        assertEquals(c.reason(), Verdict.INCONCLUSIVE, c.verdict());
        assertEquals(13, samples.size()); // rounds at 0s, 10s, ... 120s
        for (int i = 1; i < samples.size(); i++) assertTrue(samples.get(i).outcome() != samples.get(i - 1).outcome());
    }

    @Test
    public void hangingServerEndsVerificationUnhealthyInsteadOfHangingTheVerifier() throws InterruptedException {
        long started = System.nanoTime();
        Verifier verifier = new Verifier(new DirectProbeRunner(Clock.systemUTC()), Clock.systemUTC(), Sleeper.on(Clock.systemUTC()));
        VerificationPolicy policy = new VerificationPolicy(Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(1), 1, 2,
                Duration.ZERO, Duration.ofMinutes(1));
        List<HealthSample> samples = new ArrayList<>();
        Verification.Concluded c = verifier.verify(policy, List.of(HttpCheck.of(url("/hang"))), Instant.now(), samples::add);
        assertEquals(Verdict.UNHEALTHY, c.verdict());
        assertEquals("timed out after 1s", samples.get(0).reason());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30));
    }
}
