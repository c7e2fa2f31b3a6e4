package io.releaseledger.health;

import io.releaseledger.Durations;
import io.releaseledger.health.HealthSample.Outcome;

/** What a probe found, before the runner stamps time, latency and masking onto it. */
record Finding(Outcome outcome, String reason, String observed, String detail) {
    static Finding healthy(String reason, String observed) {
        return new Finding(Outcome.HEALTHY, reason, observed, null);
    }

    static Finding unhealthy(String reason, String observed, String detail) {
        return new Finding(Outcome.UNHEALTHY, reason, observed, detail);
    }

    static Finding inconclusive(String reason, String observed) {
        return new Finding(Outcome.INCONCLUSIVE, reason, observed, null);
    }

    static Finding timedOut(java.time.Duration timeout) {
        return unhealthy("timed out after " + Durations.format(timeout), null, null);
    }
}
