package io.releaseledger.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** How the {@link Verifier} waits for the next round; tests substitute one that advances a virtual clock. */
@FunctionalInterface
public interface Sleeper {

    /** Returns once {@code wakeAt} has been reached (immediately if it has already passed). */
    void sleepUntil(Instant wakeAt) throws InterruptedException;

    /** Sleeps the current thread until {@code clock} reads at least {@code wakeAt}. */
    static Sleeper on(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return wakeAt -> {
            while (true) {
                Duration left = Duration.between(clock.instant(), wakeAt);
                if (left.isNegative() || left.isZero()) return;
                // Re-read the clock at least every minute so a clock adjustment cannot oversleep by much.
                Thread.sleep(Math.max(1, Math.min(left.toMillis(), 60_000)));
            }
        };
    }
}
