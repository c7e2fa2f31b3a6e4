package io.releaseledger.health;

import io.releaseledger.Durations;
import io.releaseledger.InvalidDurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a release is verified: when probing starts, how often it repeats, and what it takes to
 * conclude. All durations are measured from the verification's start (the end of the deploy),
 * except the bake time, which is measured from the first round.
 *
 * @param initialDelay     wait before the first round; may be zero
 * @param interval         time between the starts of two rounds; positive
 * @param probeTimeout     timeout of each probe whose check names none; positive
 * @param successThreshold consecutive healthy rounds needed for HEALTHY; at least 1
 * @param failureThreshold consecutive unhealthy rounds needed for UNHEALTHY; at least 1
 * @param bakeTime         minimum observation (first round to the confirming round) before HEALTHY; may be zero
 * @param maxDuration      after this long without a verdict, INCONCLUSIVE; must leave room for the success threshold
 */
public record VerificationPolicy(Duration initialDelay, Duration interval, Duration probeTimeout, int successThreshold,
                                 int failureThreshold, Duration bakeTime, Duration maxDuration) {

    /** 0s initial delay, 10s interval, 5s probe timeout, 3 to succeed, 2 to fail, no bake time, 5m at most. */
    public static final VerificationPolicy DEFAULTS = new VerificationPolicy(Duration.ZERO, Duration.ofSeconds(10),
            Duration.ofSeconds(5), 3, 2, Duration.ZERO, Duration.ofMinutes(5));

    private static final String PREFIX = "verification.";

    /** Validates each setting and their consistency. */
    public VerificationPolicy {
        requireAtLeastZero("initialDelay", initialDelay);
        requirePositive("interval", interval);
        requirePositive("probeTimeout", probeTimeout);
        requirePositive("maxDuration", maxDuration);
        requireAtLeastZero("bakeTime", bakeTime);
        requireAtLeastOne("successThreshold", successThreshold, "3");
        requireAtLeastOne("failureThreshold", failureThreshold, "2");
        requireReachable(initialDelay, interval, successThreshold, bakeTime, maxDuration);
    }

    /**
     * Builds a policy from pipeline or configuration settings, starting from {@link #DEFAULTS}. Keys are
     * the component names; durations are text such as {@code 10s} (or a {@link Duration}), thresholds
     * numbers or their text.
     *
     * @throws io.releaseledger.InvalidInputException for an unknown key or a bad number
     * @throws InvalidDurationException           for a bad duration
     */
    public static VerificationPolicy of(Map<String, ?> settings) {
        return VerificationPolicyParser.parse(settings);
    }

    /** The same policy with another interval. */
    public VerificationPolicy withInterval(Duration value) {
        return new VerificationPolicy(initialDelay, value, probeTimeout, successThreshold, failureThreshold, bakeTime, maxDuration);
    }

    /** The same policy with other thresholds. */
    public VerificationPolicy withThresholds(int success, int failure) {
        return new VerificationPolicy(initialDelay, interval, probeTimeout, success, failure, bakeTime, maxDuration);
    }

    /** The same policy with another bake time. */
    VerificationPolicy withBakeTime(Duration value) {
        return new VerificationPolicy(initialDelay, interval, probeTimeout, successThreshold, failureThreshold, value, maxDuration);
    }

    /** The same policy with another maximum duration. */
    public VerificationPolicy withMaxDuration(Duration value) {
        return new VerificationPolicy(initialDelay, interval, probeTimeout, successThreshold, failureThreshold, bakeTime, value);
    }

    /** The same policy with another initial delay. */
    VerificationPolicy withInitialDelay(Duration value) {
        return new VerificationPolicy(value, interval, probeTimeout, successThreshold, failureThreshold, bakeTime, maxDuration);
    }

    /** Refuses a policy that could never say HEALTHY, rather than let every release end INCONCLUSIVE. */
    private static void requireReachable(Duration initialDelay, Duration interval, int successThreshold,
                                         Duration bakeTime, Duration maxDuration) {
        Duration streak = interval.multipliedBy(successThreshold - 1L);
        Duration needed = initialDelay.plus(bakeTime.compareTo(streak) > 0 ? bakeTime : streak);
        if (maxDuration.compareTo(needed) < 0) {
            throw new InvalidVerificationPolicyException(PREFIX + "maxDuration", Durations.format(maxDuration),
                    "must be at least " + Durations.format(needed) + " (initialDelay " + Durations.format(initialDelay)
                            + " + the longer of bakeTime " + Durations.format(bakeTime) + " and " + (successThreshold - 1)
                            + " intervals of " + Durations.format(interval) + "), or HEALTHY could never be reached");
        }
    }

    private static void requireAtLeastOne(String field, int rounds, String example) {
        if (rounds < 1) {
            throw new InvalidVerificationPolicyException(PREFIX + field, rounds, "must be at least 1, e.g. " + example);
        }
    }

    private static void requirePositive(String field, Duration d) {
        Objects.requireNonNull(d, PREFIX + field);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidVerificationPolicyException(PREFIX + field, Durations.format(d), "must be longer than 0, e.g. 10s");
        }
    }

    private static void requireAtLeastZero(String field, Duration d) {
        Objects.requireNonNull(d, PREFIX + field);
        if (d.isNegative()) {
            throw new InvalidVerificationPolicyException(PREFIX + field, Durations.format(d), "cannot be negative; use 0s for none");
        }
    }
}
