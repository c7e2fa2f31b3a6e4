package io.releaseledger.ledger;

import java.time.Duration;
import java.util.Locale;

/**
 * How far this JVM's clock is from the ledger database's.
 *
 * @param offset      the database's time minus this JVM's: positive when this JVM is behind
 * @param uncertainty half the round trip of the measurement
 * @param store       the store, as named in messages
 */
public record ClockSkew(Duration offset, Duration uncertainty, String store) {
    /** Beyond this, hosts warn: NTP is not doing its job on one side. */
    public static final Duration WARN_ABOVE = Duration.ofSeconds(5);

    /** Whether the clocks certainly differ by more than {@code bound}. */
    public boolean exceeds(Duration bound) {
        return offset.abs().minus(uncertainty).compareTo(bound) > 0;
    }

    /** For people: {@code this machine's clock is 120.0 s ahead of the ledger's (jdbc:…)…}. */
    public String describe() {
        double seconds = Math.abs(offset.toMillis()) / 1000.0;
        return String.format(Locale.ROOT, "this machine's clock is %.1f s %s the ledger database's (%s); leases and"
                + " the ledger's times follow the database, but what this machine times by its own clock does not"
                + " (its logs; in Jenkins, the steps' approval timeouts, freeze windows and probe rounds): fix the"
                + " clock (NTP) here or on the database's server", seconds,
                offset.isNegative() ? "ahead of" : "behind", store);
    }
}
