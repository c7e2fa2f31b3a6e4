package io.releaseledger.health;

import io.releaseledger.Inputs;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Evaluates a PromQL instant query and compares its single value with a condition. The query must
 * return one series or a scalar; no data, NaN, several series or an error answer make the sample
 * INCONCLUSIVE, because none of them says anything about the release.
 *
 * @param name        description shown with samples; derived from the query when blank
 * @param server      Prometheus' base URL ({@code http}/{@code https}, no query), e.g. {@code https://prom.example.com}
 * @param query       PromQL, non-blank
 * @param condition   what the value must satisfy
 * @param credentials how to authenticate, by secret reference, or {@code null}
 * @param timeout     per-probe timeout, or {@code null} for the policy's
 */
public record PrometheusCheck(String name, URI server, String query, Condition condition,
                              HttpCredentials credentials, Duration timeout) implements HealthCheck {

    /** Validates every field. */
    public PrometheusCheck {
        server = ProbeUrls.check("server", server);
        if (server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new InvalidHealthCheckException("server", server,
                    "give Prometheus' base URL without ?query or #fragment, e.g. https://prom.example.com");
        }
        if (query == null || query.isBlank()) {
            throw new InvalidHealthCheckException("query", query, "give a PromQL expression, e.g. sum(rate(http_requests_total{code=~\"5..\"}[1m]))");
        }
        Objects.requireNonNull(condition, "condition");
        timeout = Inputs.positiveIfPresent("timeout", timeout, InvalidHealthCheckException.TIMEOUT_ALLOWED,
                InvalidHealthCheckException::new);
        if (name == null || name.isBlank()) name = query.strip() + " " + condition;
    }

    /** A check from the text a pipeline gives: server URL, PromQL query and condition such as {@code < 0.5}. */
    public static PrometheusCheck of(String server, String query, String condition) {
        return new PrometheusCheck(null, ProbeUrls.parse("server", server), query, Condition.parse(condition), null, null);
    }

    /** The same check authenticating with {@code newCredentials}. */
    public PrometheusCheck withCredentials(HttpCredentials newCredentials) {
        return new PrometheusCheck(name, server, query, condition, newCredentials, timeout);
    }

    /** The same check under another name. */
    public PrometheusCheck named(String newName) {
        return new PrometheusCheck(newName, server, query, condition, credentials, timeout);
    }

    @Override
    public PrometheusCheck withTimeout(Duration newTimeout) {
        return new PrometheusCheck(name, server, query, condition, credentials, newTimeout);
    }
}
