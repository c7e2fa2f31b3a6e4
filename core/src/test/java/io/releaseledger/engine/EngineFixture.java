package io.releaseledger.engine;

import com.sun.net.httpserver.HttpServer;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.health.DirectProbeRunner;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.notify.Notification;
import io.releaseledger.release.Release;
import io.releaseledger.testing.VirtualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The parts an engine test drives: a service whose health the test flips, a deploy body that records calls. */
final class EngineFixture implements AutoCloseable {
    static final Actor ALICE = new Actor("alice", "https://ci.example.com/job/payments/deploy/12/");
    static final Instant START = Instant.parse("2026-11-25T10:00:00Z"); // a Wednesday

    final VirtualClock clock = new VirtualClock(START);
    final HttpServer service;
    final AtomicInteger healthStatus = new AtomicInteger(200);
    final List<Deployment> deployments = new CopyOnWriteArrayList<>();
    final List<Notification> notifications = new CopyOnWriteArrayList<>();
    final List<String> progress = new CopyOnWriteArrayList<>();
    final List<Release> moves = new CopyOnWriteArrayList<>();
    final Ledger ledger;

    /** What the "service" reports after each deploy body, by version deployed; default healthy. */
    volatile java.util.function.Function<Deployment, Integer> healthAfter = d -> 200;
    /** Set to make the deploy body fail for a version. */
    volatile java.util.function.Predicate<Deployment> bodyFails = d -> false;

    /** Opens the ledger on the fixture's virtual clock, so ledger and engine agree on the time. */
    EngineFixture(io.releaseledger.ledger.LedgerConfig store) throws IOException {
        this(store, null);
    }

    /**
     * Opens the ledger on {@code ledgerClock} (the virtual clock when {@code null}): a host whose timers run in real
     * time passes the system clock, and uses it for its probes too.
     */
    EngineFixture(io.releaseledger.ledger.LedgerConfig store, java.time.Clock ledgerClock) throws IOException {
        this.ledger = Ledger.open(store, ledgerClock == null ? clock : ledgerClock);
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/health", exchange -> {
            int status = healthStatus.get();
            byte[] body = (status == 200 ? "UP" : "DOWN").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
        ledger.registerArtifact(registration("1.0.0"), ALICE);
        ledger.registerArtifact(registration("2.0.0"), ALICE);
        ledger.registerArtifact(registration("3.0.0"), ALICE);
    }

    static ArtifactRegistration registration(String version) {
        return new ArtifactRegistration("payments-api", version,
                Digest.sha256(("payments-api " + version).getBytes(StandardCharsets.UTF_8)), ArtifactKind.FILE,
                "s3://builds/payments-api-" + version + ".jar", new ArtifactSource("payments/build", "7", "c0ffee"));
    }

    String healthUrl() {
        return "http://127.0.0.1:" + service.getAddress().getPort() + "/health";
    }

    VerificationPlan plan() {
        return new VerificationPlan(List.of(HttpCheck.of(healthUrl())), VerificationPolicy.DEFAULTS
                .withInterval(Duration.ofSeconds(10)).withThresholds(2, 2).withMaxDuration(Duration.ofMinutes(2)));
    }

    DeployAction body() {
        return d -> {
            deployments.add(d);
            if (bodyFails.test(d)) {
                throw new IllegalStateException("deploy.sh exited with status 1");
            }
            healthStatus.set(healthAfter.apply(d));
        };
    }

    HealthProbeRunner probes() {
        return new DirectProbeRunner(clock);
    }

    ReleaseEngine.Builder engine(EnvironmentConfig config) {
        return ReleaseEngine.builder(ledger, config, probes())
                .clock(clock, clock.sleeper())
                .notifier(notifications::add)
                .owner("engine-test")
                .pollInterval(Duration.ofSeconds(5))
                .listener(new EngineListener() {
                    @Override
                    public void moved(Release release) {
                        moves.add(release);
                    }

                    @Override
                    public void progress(Release release, String line) {
                        progress.add(line);
                    }
                });
    }

    DeployRequest deploy(String environment, String version) {
        return new DeployRequest(environment, "payments-api", version, ALICE, "payments/deploy", plan(), null, null);
    }

    @Override
    public void close() {
        service.stop(0);
        ledger.close();
    }
}
