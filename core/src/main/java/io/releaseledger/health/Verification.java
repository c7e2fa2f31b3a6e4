package io.releaseledger.health;

import io.releaseledger.Durations;
import io.releaseledger.health.HealthSample.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The pure evaluator of a verification: an immutable state fed rounds of samples, answering "probe
 * again at T" or a final verdict. No clock, no threads: the same policy, start and rounds always give
 * the same decision, so a verification interrupted by a crash is rebuilt with {@link #replay} from the
 * samples the ledger kept.
 *
 * <p>Rules, applied after each round:
 * <ul>
 *   <li>A round is <b>unhealthy</b> if any sample is UNHEALTHY, <b>healthy</b> if all are HEALTHY,
 *       otherwise <b>inconclusive</b>.</li>
 *   <li>A healthy round extends the healthy streak and ends the unhealthy streak; an unhealthy round
 *       the reverse. An inconclusive round ends the healthy streak and leaves the unhealthy streak as
 *       it is: not knowing is not evidence of failure, but it is not confirmation either.</li>
 *   <li>UNHEALTHY when the unhealthy streak reaches the failure threshold.</li>
 *   <li>HEALTHY when the healthy streak reaches the success threshold and at least the bake time has
 *       passed from the first round to this one; until then probing continues.</li>
 *   <li>Otherwise the next round is due one interval after this one started. If that is past the
 *       maximum duration (counted from the start), INCONCLUSIVE — even when the last rounds failed,
 *       since only the failure threshold defines UNHEALTHY; the reason says how the last round went.</li>
 *   <li>A round taken after the maximum duration is not counted: INCONCLUSIVE.</li>
 * </ul>
 */
public final class Verification {

    /**
     * One round: the samples of every check, taken together.
     *
     * @param at      when the round started (its first sample's {@link HealthSample#takenAt()})
     * @param samples one per check, at least one
     */
    public record Step(Instant at, List<HealthSample> samples) {
        /** Requires a time and at least one sample. */
        public Step {
            Objects.requireNonNull(at, "at");
            if (samples == null || samples.isEmpty()) throw new IllegalArgumentException("a round needs at least one sample");
            samples = List.copyOf(samples);
        }

        /**
         * Rebuilds the rounds from recorded samples, grouped by {@link HealthSample#round()} in round
         * order. Rounds with fewer (or more) than {@code checksPerRound} samples — one cut short by a
         * crash — are left out, as they were never evaluated; samples of round 0 are not part of a
         * verification and are ignored.
         */
        public static List<Step> fromSamples(List<HealthSample> recorded, int checksPerRound) {
            if (checksPerRound < 1) throw new IllegalArgumentException("checksPerRound must be at least 1");
            Map<Integer, List<HealthSample>> byRound = new TreeMap<>();
            for (HealthSample s : recorded) {
                if (s.round() > 0) byRound.computeIfAbsent(s.round(), r -> new ArrayList<>()).add(s);
            }
            List<Step> steps = new ArrayList<>();
            for (List<HealthSample> round : byRound.values()) {
                if (round.size() == checksPerRound) steps.add(new Step(round.get(0).takenAt(), round));
            }
            return steps;
        }
    }

    /** What to do next. */
    public sealed interface Decision permits Continue, Concluded {}

    /**
     * Probe again.
     *
     * @param nextProbeAt when the next round is due (may already be past)
     */
    public record Continue(Instant nextProbeAt) implements Decision {}

    /**
     * The verification is over.
     *
     * @param verdict the conclusion
     * @param reason  why, in a sentence a person can act on
     * @param at      when it was reached (the deciding round's time)
     */
    public record Concluded(Verdict verdict, String reason, Instant at) implements Decision {}

    private final VerificationPolicy policy;
    private final Instant start;
    private final int rounds;
    private final int healthyStreak;
    private final int unhealthyStreak;
    private final Instant firstRoundAt;
    private final Instant lastRoundAt;
    private final Outcome lastRound;
    private final String lastProblem;
    private final Decision decision;

    private Verification(VerificationPolicy policy, Instant start, int rounds, int healthyStreak, int unhealthyStreak,
                         Instant firstRoundAt, Instant lastRoundAt, Outcome lastRound, String lastProblem, Decision decision) {
        this.policy = policy;
        this.start = start;
        this.rounds = rounds;
        this.healthyStreak = healthyStreak;
        this.unhealthyStreak = unhealthyStreak;
        this.firstRoundAt = firstRoundAt;
        this.lastRoundAt = lastRoundAt;
        this.lastRound = lastRound;
        this.lastProblem = lastProblem;
        this.decision = decision;
    }

    /** A verification that started at {@code start}; its first round is due after the initial delay. */
    static Verification start(VerificationPolicy policy, Instant start) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(start, "start");
        return new Verification(policy, start, 0, 0, 0, null, null, null, null,
                new Continue(start.plus(policy.initialDelay())));
    }

    /** The state after {@code steps}, exactly as if they had been recorded one by one. */
    public static Verification replay(VerificationPolicy policy, Instant start, List<Step> steps) {
        Verification v = start(policy, start);
        for (Step step : steps) v = v.record(step);
        return v;
    }

    /**
     * The state after one more round.
     *
     * @throws IllegalStateException    when the verification has already concluded
     * @throws IllegalArgumentException when the round is older than the start or the previous round
     */
    public Verification record(Step step) {
        Objects.requireNonNull(step, "step");
        if (decision instanceof Concluded c) {
            throw new IllegalStateException("the verification already concluded " + c.verdict() + " (" + c.reason() + ")");
        }
        if (step.at().isBefore(start)) {
            throw new IllegalArgumentException("round at " + step.at() + " is before the verification started at " + start);
        }
        if (lastRoundAt != null && step.at().isBefore(lastRoundAt)) {
            throw new IllegalArgumentException("rounds must be recorded in time order: " + step.at()
                    + " is before the previous round at " + lastRoundAt);
        }
        int round = rounds + 1;
        if (step.at().isAfter(deadline())) {
            return concluded(new Concluded(Verdict.INCONCLUSIVE, noVerdict() + "; round " + round + " at " + step.at()
                    + " came after that and was not counted", deadline()));
        }
        Outcome outcome = classify(step.samples());
        int healthy = outcome == Outcome.HEALTHY ? healthyStreak + 1 : 0;
        int unhealthy = switch (outcome) {
            case HEALTHY -> 0;
            case UNHEALTHY -> unhealthyStreak + 1;
            case INCONCLUSIVE -> unhealthyStreak;
        };
        Instant first = firstRoundAt == null ? step.at() : firstRoundAt;
        Duration observed = Duration.between(first, step.at());
        String problem = problem(step.samples(), outcome);

        Decision next;
        if (unhealthy >= policy.failureThreshold()) {
            next = new Concluded(Verdict.UNHEALTHY, unhealthy + " unhealthy round" + plural(unhealthy) + " in a row (failure threshold "
                    + policy.failureThreshold() + "); last: " + problem, step.at());
        } else if (healthy >= policy.successThreshold() && observed.compareTo(policy.bakeTime()) >= 0) {
            next = new Concluded(Verdict.HEALTHY, healthy + " healthy round" + plural(healthy) + " in a row (success threshold "
                    + policy.successThreshold() + ") after " + Durations.format(observed) + " of observation", step.at());
        } else {
            next = new Continue(step.at().plus(policy.interval()));
        }
        Verification after = new Verification(policy, start, round, healthy, unhealthy, first, step.at(), outcome, problem, next);
        if (next instanceof Continue c && c.nextProbeAt().isAfter(deadline())) {
            return after.concluded(new Concluded(Verdict.INCONCLUSIVE, after.noVerdict()
                    + "; the next round would start after it", step.at()));
        }
        return after;
    }

    /**
     * The state at {@code now} without a new round: INCONCLUSIVE when the maximum duration has passed
     * (a verification resumed too late), otherwise unchanged.
     */
    public Verification expire(Instant now) {
        if (decision instanceof Continue && now.isAfter(deadline())) {
            return concluded(new Concluded(Verdict.INCONCLUSIVE, noVerdict() + "; it had passed at " + now, deadline()));
        }
        return this;
    }

    /** Classifies a round: any UNHEALTHY wins, then all HEALTHY, otherwise INCONCLUSIVE. */
    static Outcome classify(List<HealthSample> samples) {
        boolean allHealthy = true;
        for (HealthSample s : samples) {
            if (s.outcome() == Outcome.UNHEALTHY) return Outcome.UNHEALTHY;
            allHealthy &= s.outcome() == Outcome.HEALTHY;
        }
        return allHealthy ? Outcome.HEALTHY : Outcome.INCONCLUSIVE;
    }

    /** What to do next. */
    public Decision decision() {
        return decision;
    }

    /** The policy this verification follows. */
    VerificationPolicy policy() {
        return policy;
    }

    /** When the verification started. */
    Instant start() {
        return start;
    }

    /** Start plus the maximum duration. */
    Instant deadline() {
        return start.plus(policy.maxDuration());
    }

    /** Rounds counted so far. */
    int rounds() {
        return rounds;
    }

    /** Consecutive healthy rounds at the end. */
    public int healthyStreak() {
        return healthyStreak;
    }

    /** Unhealthy rounds at the end, not interrupted by a healthy one. */
    int unhealthyStreak() {
        return unhealthyStreak;
    }

    private Verification concluded(Concluded c) {
        return new Verification(policy, start, rounds, healthyStreak, unhealthyStreak, firstRoundAt, lastRoundAt, lastRound,
                lastProblem, c);
    }

    private String noVerdict() {
        String head = "no verdict within maxDuration " + Durations.format(policy.maxDuration());
        if (lastRound == null) return head + ": no round was taken";
        return head + " after " + rounds + " round" + plural(rounds) + ": " + switch (lastRound) {
            case HEALTHY -> healthyStreak + " of " + policy.successThreshold() + " healthy rounds in a row"
                    + (healthyStreak >= policy.successThreshold() ? " but bake time " + Durations.format(policy.bakeTime())
                    + " not reached" : "");
            case UNHEALTHY -> "last round unhealthy (" + unhealthyStreak + " of " + policy.failureThreshold()
                    + " needed to fail): " + lastProblem;
            case INCONCLUSIVE -> "last round inconclusive: " + lastProblem;
        };
    }

    // The sample that decided the round's class, as "check: reason".
    private static String problem(List<HealthSample> samples, Outcome outcome) {
        for (HealthSample s : samples) {
            if (s.outcome() == outcome) return s.check() + ": " + s.reason();
        }
        return samples.get(0).check() + ": " + samples.get(0).reason();
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
