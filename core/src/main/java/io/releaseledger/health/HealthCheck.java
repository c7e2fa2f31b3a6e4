package io.releaseledger.health;

import java.time.Duration;

/**
 * One thing to probe after a deploy. Implementations are immutable records validated at
 * construction; they hold secret <em>references</em> only, so they may be logged and ledgered.
 */
public sealed interface HealthCheck permits HttpCheck, PrometheusCheck, CommandCheck {

    /** A short human description, shown with every sample (derived from the target when not given). */
    String name();

    /** How long one probe may take, or {@code null} to use the verification policy's probe timeout. */
    Duration timeout();

    /** The same check with another per-probe timeout. */
    HealthCheck withTimeout(Duration timeout);
}
