package io.releaseledger.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying again something that may succeed then: a transaction the database asked to retry,
 * a webhook whose receiver is down. The first wait, doubled for each next one up to {@code max}; each wait is spread
 * at random over half to one and a half times itself (never beyond {@code max}), so that callers who failed
 * together do not all try again together.
 *
 * @param first the wait before the first retry, before the spread
 * @param max   no wait is longer
 */
public record Backoff(Duration first, Duration max) {

    /** Checks that both waits are positive and {@code max} is at least {@code first}. */
    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= max, not " + first + " and " + max);
        }
    }

    /** The wait before retry number {@code retry}, 1 for the first retry. */
    public Duration delay(int retry) {
        if (retry < 1) throw new IllegalArgumentException("retries count from 1, not " + retry);
        long cap = max.toMillis();
        long base = first.toMillis();
        for (int i = 1; i < retry && base < cap; i++) base *= 2;
        base = Math.min(base, cap);
        long spread = base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
        return Duration.ofMillis(Math.min(spread, cap));
    }

    /** Sleeps {@code wait}; {@code false} when interrupted, with the thread's interrupt flag set again. */
    public static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
