package io.releaseledger.ledger;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing of a lease held for {@code ttl}: how often its holder renews it, and how long after it expires
 * nobody may take it over. Hosts that run deploy bodies rely on these numbers; see docs/release-engine.md.
 *
 * @param ttl how long a grant or a renewal holds
 */
public record LeaseTerms(Duration ttl) {
    /** The engine's and the plugin's default lease term. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    /**
     * How long a host may take to end a deploy body once it has to stop (its owner lost the lease, or exited):
     * SIGTERM to the body's process group, then SIGKILL once this has passed. The grace periods below are never
     * shorter, so nobody takes a lease over while a body that was told to stop may still be stopping.
     */
    public static final Duration BODY_STOP = Duration.ofSeconds(5);

    /** After a process of the owner's machine saw the owner exited: {@link #BODY_STOP} and a second's margin. */
    static final Duration OWNER_EXITED_GRACE = BODY_STOP.plusSeconds(1);

    public LeaseTerms {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease duration must be positive, got " + ttl);
        }
    }

    /** How often the holder renews: a third of the term, so two renewals can fail before it expires. */
    public Duration renewEvery() {
        return Duration.ofMillis(Math.max(1, ttl.toMillis() / 3));
    }

    /**
     * How long after expiry the lease stays its holder's: one renewal interval, and never less than
     * {@link #OWNER_EXITED_GRACE}. A holder that cannot renew stops its body by the expiry it last recorded;
     * the grace is the time for that body to stop before another owner may deploy.
     */
    Duration grace() {
        Duration interval = renewEvery();
        return interval.compareTo(OWNER_EXITED_GRACE) > 0 ? interval : OWNER_EXITED_GRACE;
    }
}
