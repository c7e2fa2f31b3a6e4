package io.releaseledger.health;

import io.releaseledger.testing.VirtualClock;
import static io.releaseledger.health.HealthSample.Outcome.HEALTHY;
import static io.releaseledger.health.HealthSample.Outcome.INCONCLUSIVE;
import static io.releaseledger.health.HealthSample.Outcome.UNHEALTHY;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Prometheus checks against a real Prometheus (Debian's package) scraping a test endpoint every
 * second. Skipped when the binary is not installed.
 */
public class PrometheusCheckTest {
    private static final long STARTUP_TIMEOUT_SECONDS = 60;

    private static volatile String queueDepth = "3";
    private static HttpServer exporter;
    private static Process prometheus;
    private static Path workDir;
    private static String server;

    private final DirectProbeRunner runner = new DirectProbeRunner(Clock.systemUTC());

    @BeforeClass
    public static void startPrometheusScrapingATestEndpoint() throws Exception {
        Path binary = findOnPath("prometheus");
        Assume.assumeTrue("install Debian's prometheus package (.ci/run does) to run this", binary != null);

        exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        exporter.createContext("/metrics", ex -> {
            byte[] body = ("# TYPE demo_errors_ratio gauge\n"
                    + "demo_errors_ratio 0.2\n"
                    + "# TYPE demo_instances_up gauge\n"
                    + "demo_instances_up{zone=\"a\"} 1\n"
                    + "demo_instances_up{zone=\"b\"} 1\n"
                    + "# TYPE demo_queue_depth gauge\n"
                    + "demo_queue_depth " + queueDepth + "\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        exporter.start();

        workDir = Files.createTempDirectory("health-prometheus");
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n"
                + "  scrape_interval: 1s\n"
                + "  evaluation_interval: 1s\n"
                + "scrape_configs:\n"
                + "  - job_name: demo\n"
                + "    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + exporter.getAddress().getPort() + "']\n");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        server = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();

        // Ready once a query sees a scraped sample, not merely when the port answers.
        PrometheusCheck ready = PrometheusCheck.of(server, "demo_errors_ratio", ">= 0");
        DirectProbeRunner probe = new DirectProbeRunner(Clock.systemUTC());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_TIMEOUT_SECONDS);
        HealthSample last = null;
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) fail("prometheus exited with " + prometheus.exitValue() + ":\n" + log());
            last = probe.probe(ready);
            if (last.outcome() == HEALTHY) return;
            Thread.sleep(250);
        }
        fail("prometheus did not answer with data within " + STARTUP_TIMEOUT_SECONDS + "s; last: " + last + "\n" + log());
    }

    @AfterClass
    public static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
                prometheus.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (exporter != null) exporter.stop(0);
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static Path findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static String log() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("prometheus.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private HealthSample probe(String query, String condition) {
        return runner.probe(PrometheusCheck.of(server, query, condition));
    }

    @Test
    public void valueMeetingTheConditionIsHealthy() {
        HealthSample s = probe("demo_errors_ratio", "< 0.5");
        assertEquals(s.reason(), HEALTHY, s.outcome());
        assertEquals("0.2", s.observed());
        assertEquals("0.2 < 0.5", s.reason());
    }

    @Test
    public void valueFailingTheConditionIsUnhealthy() {
        HealthSample s = probe("demo_errors_ratio", "< 0.1");
        assertEquals(UNHEALTHY, s.outcome());
        assertEquals("0.2 is not < 0.1", s.reason());
    }

    @Test
    public void emptyPrometheusResultIsInconclusive() {
        HealthSample s = probe("demo_metric_that_does_not_exist", "< 0.5");
        assertEquals(INCONCLUSIVE, s.outcome());
        assertTrue(s.reason(), s.reason().startsWith("the query returned no data"));
    }

    @Test
    public void severalSeriesAreInconclusiveUntilAggregated() {
        HealthSample several = probe("demo_instances_up", "== 1");
        assertEquals(INCONCLUSIVE, several.outcome());
        assertTrue(several.reason(), several.reason().startsWith("the query returned 2 series"));
        HealthSample summed = probe("sum(demo_instances_up)", "== 2");
        assertEquals(summed.reason(), HEALTHY, summed.outcome());
    }

    @Test
    public void scalarResultIsCompared() {
        HealthSample s = probe("scalar(demo_errors_ratio) * 10", ">= 2");
        assertEquals(s.reason(), HEALTHY, s.outcome());
        assertEquals("2", s.observed());
    }

    @Test
    public void nanResultIsInconclusive() {
        HealthSample s = probe("0/0", "< 1");
        assertEquals(INCONCLUSIVE, s.outcome());
        assertEquals("NaN", s.observed());
    }

    @Test
    public void invalidPromQlIsInconclusiveWithPrometheusError() {
        HealthSample s = probe("sum(", "< 1");
        assertEquals(INCONCLUSIVE, s.outcome());
        assertTrue(s.reason(), s.reason().startsWith("Prometheus refused the query (status 400, bad_data): "));
    }

    @Test
    public void risingMetricTurnsTheCheckUnhealthyAfterTheNextScrape() throws InterruptedException {
        assertEquals(HEALTHY, probe("demo_queue_depth", "< 10").outcome());
        queueDepth = "42";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HealthSample s;
        do {
            Thread.sleep(200);
            s = probe("demo_queue_depth", "< 10");
        } while (s.outcome() == HEALTHY && System.nanoTime() < deadline);
        assertEquals(s.reason(), UNHEALTHY, s.outcome());
        assertEquals("42 is not < 10", s.reason());
    }

    @Test
    public void verificationAgainstPrometheusReachesHealthy() throws InterruptedException {
        Instant start = Instant.parse("2026-11-29T06:00:00Z");
        VirtualClock clock = new VirtualClock(start);
        List<HealthSample> samples = new ArrayList<>();
        Verification.Concluded c = new Verifier(new DirectProbeRunner(clock), clock, clock.sleeper()).verify(
                VerificationPolicy.DEFAULTS, List.of(PrometheusCheck.of(server, "demo_errors_ratio", "< 0.5")), start, samples::add);
        assertEquals(c.reason(), Verdict.HEALTHY, c.verdict());
        assertEquals(3, samples.size());
    }
}
