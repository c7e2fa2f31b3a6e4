package io.releaseledger.health;

import io.releaseledger.HttpClients;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Runs probes in this JVM: HTTP and Prometheus through {@link java.net.http.HttpClient} (redirects
 * never followed automatically, TLS verified with the default trust store, the proxy the host's
 * {@link HttpClients} gives), commands as child
 * processes. Every probe is bounded by its timeout, so a hanging target yields an UNHEALTHY sample
 * rather than a hung verifier. Thread-safe: one runner may serve concurrent verifications.
 */
public final class DirectProbeRunner implements HealthProbeRunner {
    /** Timeout of a check that names none, when the runner is used without a policy. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Clock clock;
    private final SecretResolver secrets;
    private final UnaryOperator<String> masker;
    private final HttpProbes http;

    /**
     * @param clock   stamps {@link HealthSample#takenAt()}; the verifier's clock
     * @param secrets resolves credential references at probe time
     * @param masker  applied to every text a sample carries (reason, observed value, output), so
     *                secrets echoed by a target never reach the ledger
     */
    public DirectProbeRunner(Clock clock, SecretResolver secrets, UnaryOperator<String> masker) {
        this(clock, secrets, masker, HttpClients.JVM_DEFAULT);
    }

    /**
     * @param http where HTTP and Prometheus probes get their client: the host's proxy settings
     */
    public DirectProbeRunner(Clock clock, SecretResolver secrets, UnaryOperator<String> masker, HttpClients http) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.masker = Objects.requireNonNull(masker, "masker");
        // HTTP/1.1: health endpoints are tiny, and an h2c upgrade on plain http confuses some proxies.
        this.http = new HttpProbes(Objects.requireNonNull(http, "http").newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build(), secrets);
    }

    /** A runner without secrets or masking. */
    public DirectProbeRunner(Clock clock) {
        this(clock, SecretResolver.none(), UnaryOperator.identity());
    }

    @Override
    public HealthSample probe(HealthCheck check) {
        Objects.requireNonNull(check, "check");
        Duration timeout = check.timeout() != null ? check.timeout() : DEFAULT_TIMEOUT;
        Instant takenAt = clock.instant();
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Finding f;
        // instanceof rather than a pattern switch: --release 17 has no pattern matching in switch.
        if (check instanceof HttpCheck h) {
            f = http.probe(h, timeout, deadline);
        } else if (check instanceof PrometheusCheck p) {
            f = http.probe(p, timeout, deadline);
        } else if (check instanceof CommandCheck c) {
            f = CommandProbe.run(c, timeout);
        } else {
            throw new AssertionError("unknown check kind " + check.getClass());
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        return new HealthSample(check.name(), f.outcome(), takenAt, latency, shorten(mask(f.reason()), MAX_REASON),
                shorten(mask(f.observed()), MAX_REASON), mask(f.detail()), 0);
    }

    // A reason is one line in a timeline; long texts (an error page, a PromQL error) belong in detail.
    private static final int MAX_REASON = 300;

    private static String shorten(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private String mask(String text) {
        return text == null ? null : masker.apply(text);
    }
}
