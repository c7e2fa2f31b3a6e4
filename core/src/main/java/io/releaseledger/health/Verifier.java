package io.releaseledger.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Drives a {@link Verification} for real: waits for each round, probes every check in order through
 * the {@link HealthProbeRunner}, hands each sample to a sink (the ledger records them) and feeds the
 * round to the evaluator until it concludes.
 */
public final class Verifier {
    private final HealthProbeRunner runner;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param runner  takes each probe
     * @param clock   the verifier's clock; the runner must stamp samples from the same one
     * @param sleeper waits between rounds
     */
    public Verifier(HealthProbeRunner runner, Clock clock, Sleeper sleeper) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Verifies {@code checks} from {@code start} until a verdict.
     *
     * @param sink called with every sample, in order, as soon as it is taken
     * @throws InterruptedException when the thread is interrupted (the release was aborted)
     */
    Verification.Concluded verify(VerificationPolicy policy, List<? extends HealthCheck> checks, Instant start,
                                         Consumer<HealthSample> sink) throws InterruptedException {
        return resume(policy, checks, start, List.of(), sink);
    }

    /**
     * Continues a verification whose earlier samples were recorded (e.g. before a controller restart):
     * the evaluator is rebuilt from them and probing goes on from the next round. An incomplete last
     * round is not counted and is probed again under a new round number.
     */
    Verification.Concluded resume(VerificationPolicy policy, List<? extends HealthCheck> checks, Instant start,
                                         List<HealthSample> recorded, Consumer<HealthSample> sink) throws InterruptedException {
        Objects.requireNonNull(sink, "sink");
        List<HealthCheck> effective = effectiveChecks(policy, checks);
        Verification v = Verification.replay(policy, start, Verification.Step.fromSamples(recorded, effective.size()));
        int round = recorded.stream().mapToInt(HealthSample::round).max().orElse(0);
        while (v.decision() instanceof Verification.Continue next) {
            sleeper.sleepUntil(next.nextProbeAt());
            v = v.expire(clock.instant());
            if (!(v.decision() instanceof Verification.Continue)) break;
            round++;
            v = v.record(round(effective, round, sink));
        }
        return (Verification.Concluded) v.decision();
    }

    /**
     * The checks as a verification probes them: each without its own timeout gets the policy's
     * {@code probeTimeout}.
     *
     * @throws IllegalArgumentException when there are no checks
     */
    public static List<HealthCheck> effectiveChecks(VerificationPolicy policy, List<? extends HealthCheck> checks) {
        if (checks == null || checks.isEmpty()) throw new IllegalArgumentException("a verification needs at least one health check");
        List<HealthCheck> effective = new ArrayList<>(checks.size());
        for (HealthCheck check : checks) {
            effective.add(check.timeout() == null ? check.withTimeout(policy.probeTimeout()) : check);
        }
        return effective;
    }

    /**
     * Takes one round now, for hosts that schedule rounds themselves (an asynchronous Jenkins step): probes
     * {@code checks} (as {@link #effectiveChecks} gives them) one after another, hands each sample, numbered
     * {@code round}, to the sink as soon as it is taken, and returns the round for
     * {@link Verification#record}. {@link #resume} takes its rounds the same way.
     *
     * @throws InterruptedException when the thread is interrupted between probes
     */
    public Verification.Step round(List<HealthCheck> checks, int round, Consumer<HealthSample> sink)
            throws InterruptedException {
        List<HealthSample> samples = new ArrayList<>(checks.size());
        for (HealthCheck check : checks) {
            HealthSample sample = probe(check).inRound(round);
            sink.accept(sample);
            samples.add(sample);
            if (Thread.interrupted()) throw new InterruptedException("verification interrupted in round " + round);
        }
        // The round's time is its first sample's, so replaying recorded samples gives the same schedule.
        return new Verification.Step(samples.get(0).takenAt(), samples);
    }

    // A runner that throws must not end the verification: the round just learns nothing from it.
    private HealthSample probe(HealthCheck check) {
        Instant at = clock.instant();
        try {
            HealthSample s = runner.probe(check);
            if (s != null) return s;
            return new HealthSample(check.name(), HealthSample.Outcome.INCONCLUSIVE, at, Duration.ZERO,
                    "probe runner returned no sample", null, null, 0);
        } catch (RuntimeException e) {
            return new HealthSample(check.name(), HealthSample.Outcome.INCONCLUSIVE, at, Duration.between(at, clock.instant()),
                    "probe runner failed: " + e, null, null, 0);
        }
    }
}
