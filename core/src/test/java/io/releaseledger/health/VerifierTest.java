package io.releaseledger.health;

import io.releaseledger.testing.VirtualClock;
import static io.releaseledger.health.HealthSample.Outcome.HEALTHY;
import static io.releaseledger.health.HealthSample.Outcome.INCONCLUSIVE;
import static io.releaseledger.health.HealthSample.Outcome.UNHEALTHY;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.health.HealthSample.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** The driver on a virtual clock with a scripted runner: minute-scale policies in milliseconds. */
public class VerifierTest {
    private static final Instant START = Instant.parse("2026-11-29T06:00:00Z");

    /** Answers each probe with the next scripted outcome, stamped by the virtual clock; each probe takes 200ms. */
    private static final class ScriptedRunner implements HealthProbeRunner {
        final VirtualClock clock;
        final Iterator<Outcome> script;
        final List<HealthCheck> probed = new ArrayList<>();

        ScriptedRunner(VirtualClock clock, List<Outcome> script) {
            this.clock = clock;
            this.script = script.iterator();
        }

        @Override
        public HealthSample probe(HealthCheck check) {
            probed.add(check);
            Instant at = clock.instant();
            clock.advance(Duration.ofMillis(200));
            Outcome o = script.hasNext() ? script.next() : HEALTHY;
            return new HealthSample(check.name(), o, at, Duration.ofMillis(200), "scripted " + o, null, null, 0);
        }
    }

    private static List<Outcome> repeat(Outcome o, int n) {
        List<Outcome> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(o);
        return l;
    }

    @Test
    public void everySampleGoesToTheSinkOnTheScheduleTheEvaluatorAsks() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START);
        ScriptedRunner runner = new ScriptedRunner(clock, List.of());
        VerificationPolicy policy = VerificationPolicy.DEFAULTS.withInitialDelay(Duration.ofSeconds(30));
        List<HealthSample> sink = new ArrayList<>();
        Verification.Concluded c = new Verifier(runner, clock, clock.sleeper())
                .verify(policy, List.of(CommandCheck.of("a"), CommandCheck.of("b")), START, sink::add);
        assertEquals(Verdict.HEALTHY, c.verdict());
        assertEquals(6, sink.size());
        assertEquals(START.plusSeconds(30), sink.get(0).takenAt());
        assertEquals(START.plusSeconds(30).plusMillis(200), sink.get(1).takenAt());
        assertEquals(START.plusSeconds(40), sink.get(2).takenAt());
        assertEquals(List.of(1, 1, 2, 2, 3, 3), sink.stream().map(HealthSample::round).toList());
    }

    @Test
    public void checksWithoutTimeoutGetThePolicyProbeTimeout() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START);
        ScriptedRunner runner = new ScriptedRunner(clock, List.of());
        new Verifier(runner, clock, clock.sleeper()).verify(VerificationPolicy.DEFAULTS,
                List.of(CommandCheck.of("a"), CommandCheck.of("b").withTimeout(Duration.ofSeconds(1))), START, s -> { });
        assertEquals(Duration.ofSeconds(5), runner.probed.get(0).timeout());
        assertEquals(Duration.ofSeconds(1), runner.probed.get(1).timeout());
    }

    @Test
    public void minuteScalePolicyWithBakeTimeRunsOnTheVirtualClock() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START);
        VerificationPolicy policy = VerificationPolicy.of(java.util.Map.of("interval", "1m", "bakeTime", "30m", "maxDuration", "1h"));
        long started = System.nanoTime();
        List<HealthSample> sink = new ArrayList<>();
        Verification.Concluded c = new Verifier(new ScriptedRunner(clock, List.of()), clock, clock.sleeper())
                .verify(policy, List.of(CommandCheck.of("a")), START, sink::add);
        assertEquals(Verdict.HEALTHY, c.verdict());
        assertEquals(START.plus(Duration.ofMinutes(30)), c.at());
        assertEquals(31, sink.size());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30));
    }

    @Test
    public void unhealthyRoundsEndTheVerificationEarly() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START);
        List<HealthSample> sink = new ArrayList<>();
        Verification.Concluded c = new Verifier(new ScriptedRunner(clock, List.of(HEALTHY, UNHEALTHY, UNHEALTHY)), clock, clock.sleeper())
                .verify(VerificationPolicy.DEFAULTS, List.of(CommandCheck.of("a")), START, sink::add);
        assertEquals(Verdict.UNHEALTHY, c.verdict());
        assertEquals(3, sink.size());
        assertEquals(START.plusSeconds(20), c.at());
    }

    @Test
    public void resumedVerificationContinuesWhereItLeftOff() throws InterruptedException {
        // Round 1 unhealthy, then healthy rounds: HEALTHY once three healthy rounds follow one another.
        List<Outcome> script = new ArrayList<>(List.of(UNHEALTHY, HEALTHY));
        script.addAll(repeat(HEALTHY, 14));
        List<HealthCheck> checks = List.of(CommandCheck.of("a"), CommandCheck.of("b"));

        VirtualClock straightClock = new VirtualClock(START);
        List<HealthSample> straight = new ArrayList<>();
        Verification.Concluded uninterrupted = new Verifier(new ScriptedRunner(straightClock, script), straightClock,
                straightClock.sleeper()).verify(VerificationPolicy.DEFAULTS, checks, START, straight::add);

        // Same script, but the "controller" dies after recording the 5th sample, in the middle of round 3.
        VirtualClock clock = new VirtualClock(START);
        ScriptedRunner runner = new ScriptedRunner(clock, script);
        List<HealthSample> ledger = new ArrayList<>();
        RuntimeException crash = assertThrows(RuntimeException.class, () -> new Verifier(runner, clock, clock.sleeper())
                .verify(VerificationPolicy.DEFAULTS, checks, START, s -> {
                    ledger.add(s);
                    if (ledger.size() == 5) throw new RuntimeException("controller died");
                }));
        assertEquals("controller died", crash.getMessage());
        // Round 3 is incomplete, so it is probed again (as round 4) using the same scripted answers.
        ScriptedRunner restarted = new ScriptedRunner(clock, script.subList(4, script.size()));
        Verification.Concluded resumed = new Verifier(restarted, clock, clock.sleeper())
                .resume(VerificationPolicy.DEFAULTS, checks, START, ledger, ledger::add);
        assertEquals(uninterrupted.verdict(), resumed.verdict());
        assertEquals(Verdict.HEALTHY, resumed.verdict());
        assertEquals(4, ledger.get(5).round());
        // Round 2's healthy streak survived the crash: two more complete rounds were enough.
        assertEquals(8, straight.size());
        assertEquals(5 + 4, ledger.size());
    }

    @Test
    public void resumingAfterTheMaximumDurationConcludesWithoutProbing() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START.plus(Duration.ofMinutes(10)));
        ScriptedRunner runner = new ScriptedRunner(clock, List.of());
        HealthSample first = new HealthSample("a", HEALTHY, START, Duration.ZERO, "ok", null, null, 1);
        Verification.Concluded c = new Verifier(runner, clock, clock.sleeper())
                .resume(VerificationPolicy.DEFAULTS, List.of(CommandCheck.of("a")), START, List.of(first), s -> { });
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertTrue(runner.probed.isEmpty());
    }

    @Test
    public void throwingRunnerGivesAnInconclusiveSampleNotACrash() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START);
        List<HealthSample> sink = new ArrayList<>();
        HealthProbeRunner broken = check -> {
            throw new IllegalStateException("agent offline");
        };
        Verification.Concluded c = new Verifier(broken, clock, clock.sleeper())
                .verify(VerificationPolicy.DEFAULTS.withMaxDuration(Duration.ofSeconds(20)), List.of(CommandCheck.of("a")), START, sink::add);
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertEquals(3, sink.size());
        assertEquals("probe runner failed: java.lang.IllegalStateException: agent offline", sink.get(0).reason());
    }

    @Test
    public void interruptionStopsTheVerifier() {
        VirtualClock clock = new VirtualClock(START);
        HealthProbeRunner interrupting = check -> {
            Thread.currentThread().interrupt();
            return new HealthSample(check.name(), HEALTHY, clock.instant(), Duration.ZERO, "ok", null, null, 0);
        };
        assertThrows(InterruptedException.class, () -> new Verifier(interrupting, clock, clock.sleeper())
                .verify(VerificationPolicy.DEFAULTS, List.of(CommandCheck.of("a")), START, s -> { }));
        assertTrue(!Thread.interrupted()); // the flag was consumed by the exception
    }

    @Test
    public void verificationNeedsAtLeastOneCheck() {
        VirtualClock clock = new VirtualClock(START);
        assertThrows(IllegalArgumentException.class, () -> new Verifier(new ScriptedRunner(clock, List.of()), clock, clock.sleeper())
                .verify(VerificationPolicy.DEFAULTS, List.of(), START, s -> { }));
    }
}
