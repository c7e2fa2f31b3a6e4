package io.releaseledger.health;

import io.releaseledger.InvalidDurationException;
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
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The pure evaluator, fed rounds on a virtual timeline. */
public class VerificationTest {
    private static final Instant START = Instant.parse("2026-11-29T06:00:00Z");
    private static final VerificationPolicy POLICY = VerificationPolicy.DEFAULTS; // 0s, 10s, 5s, 3, 2, 0s, 5m

    private static Verification.Step round(Instant at, Outcome... outcomes) {
        List<HealthSample> samples = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            samples.add(new HealthSample("check-" + i, outcomes[i], at, Duration.ofMillis(3), "saw " + outcomes[i], null, null, 0));
        }
        return new Verification.Step(at, samples);
    }

    /** Feeds one round per outcome, each at the time the evaluator asked for. */
    private static Verification run(VerificationPolicy policy, Outcome... rounds) {
        Verification v = Verification.start(policy, START);
        for (Outcome o : rounds) {
            Instant at = ((Verification.Continue) v.decision()).nextProbeAt();
            v = v.record(round(at, o));
        }
        return v;
    }

    private static Verification.Concluded concluded(Verification v) {
        assertTrue("expected a verdict, got " + v.decision(), v.decision() instanceof Verification.Concluded);
        return (Verification.Concluded) v.decision();
    }

    private static Verification.Continue continuing(Verification v) {
        assertTrue("expected to continue, got " + v.decision(), v.decision() instanceof Verification.Continue);
        return (Verification.Continue) v.decision();
    }

    @Test
    public void firstRoundIsDueAfterTheInitialDelay() {
        Verification v = Verification.start(POLICY.withInitialDelay(Duration.ofSeconds(30)), START);
        assertEquals(START.plusSeconds(30), continuing(v).nextProbeAt());
        assertEquals(START.plusSeconds(30 + 10), continuing(run(POLICY.withInitialDelay(Duration.ofSeconds(30)), HEALTHY)).nextProbeAt());
    }

    @Test
    public void successThresholdOfHealthyRoundsIsHealthy() {
        Verification two = run(POLICY, HEALTHY, HEALTHY);
        assertEquals(START.plusSeconds(20), continuing(two).nextProbeAt());
        Verification.Concluded c = concluded(run(POLICY, HEALTHY, HEALTHY, HEALTHY));
        assertEquals(Verdict.HEALTHY, c.verdict());
        assertEquals(START.plusSeconds(20), c.at());
        assertTrue(c.reason(), c.reason().startsWith("3 healthy rounds in a row (success threshold 3) after 20s"));
    }

    @Test
    public void oneUnhealthySampleMakesTheWholeRoundUnhealthy() {
        assertEquals(UNHEALTHY, Verification.classify(round(START, HEALTHY, UNHEALTHY, INCONCLUSIVE).samples()));
        assertEquals(INCONCLUSIVE, Verification.classify(round(START, HEALTHY, INCONCLUSIVE).samples()));
        assertEquals(HEALTHY, Verification.classify(round(START, HEALTHY, HEALTHY).samples()));
    }

    @Test
    public void failureThresholdOfUnhealthyRoundsIsUnhealthyAndNamesTheFailingCheck() {
        Verification v = Verification.start(POLICY, START);
        v = v.record(round(START, HEALTHY, UNHEALTHY));
        assertEquals(1, v.unhealthyStreak());
        v = v.record(round(START.plusSeconds(10), UNHEALTHY, HEALTHY));
        Verification.Concluded c = concluded(v);
        assertEquals(Verdict.UNHEALTHY, c.verdict());
        assertEquals("2 unhealthy rounds in a row (failure threshold 2); last: check-0: saw UNHEALTHY", c.reason());
    }

    @Test
    public void unhealthyRoundResetsTheHealthyStreak() {
        Verification v = run(POLICY, HEALTHY, HEALTHY, UNHEALTHY, HEALTHY, HEALTHY);
        assertEquals(2, v.healthyStreak());
        continuing(v);
        assertEquals(Verdict.HEALTHY, concluded(run(POLICY, HEALTHY, HEALTHY, UNHEALTHY, HEALTHY, HEALTHY, HEALTHY)).verdict());
    }

    @Test
    public void inconclusiveRoundResetsSuccessStreakButLeavesFailureStreak() {
        Verification v = run(POLICY, HEALTHY, HEALTHY, INCONCLUSIVE);
        assertEquals(0, v.healthyStreak());
        continuing(v);
        // Unhealthy, don't know, unhealthy: still two failures in a row as far as evidence goes.
        Verification.Concluded c = concluded(run(POLICY, UNHEALTHY, INCONCLUSIVE, UNHEALTHY));
        assertEquals(Verdict.UNHEALTHY, c.verdict());
        // Not knowing, however often, is no verdict before the maximum duration.
        Verification unknown = run(POLICY, HEALTHY, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE);
        assertEquals(0, unknown.unhealthyStreak());
        continuing(unknown);
    }

    @Test
    public void onlyInconclusiveRoundsEndInconclusiveAtMaxDuration() {
        VerificationPolicy policy = POLICY.withMaxDuration(Duration.ofMinutes(1));
        Outcome[] sevenInconclusive = {INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE};
        Verification v = run(policy, sevenInconclusive); // rounds at 0s..60s; the next would be at 70s
        Verification.Concluded c = concluded(v);
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertEquals(START.plusSeconds(60), c.at());
        assertEquals(7, v.rounds());
        assertTrue(c.reason(), c.reason().startsWith("no verdict within maxDuration 1m after 7 rounds: last round inconclusive: check-0"));
    }

    @Test
    public void maxDurationIsInconclusiveEvenWhenTheLastRoundFailed() {
        VerificationPolicy policy = POLICY.withThresholds(3, 3).withMaxDuration(Duration.ofSeconds(30));
        Verification.Concluded c = concluded(run(policy, HEALTHY, HEALTHY, UNHEALTHY, UNHEALTHY));
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertTrue(c.reason(), c.reason().contains("last round unhealthy (2 of 3 needed to fail)"));
    }

    @Test
    public void bakeTimeHoldsBackHealthyUntilEnoughObservation() {
        VerificationPolicy policy = POLICY.withThresholds(2, 2).withBakeTime(Duration.ofMinutes(1));
        Outcome[] healthy = new Outcome[6];
        java.util.Arrays.fill(healthy, HEALTHY);
        Verification sixRounds = run(policy, healthy); // first at 0s, sixth at 50s
        assertEquals(6, sixRounds.healthyStreak());
        continuing(sixRounds);
        Verification seven = run(policy, HEALTHY, HEALTHY, HEALTHY, HEALTHY, HEALTHY, HEALTHY, HEALTHY);
        Verification.Concluded c = concluded(seven);
        assertEquals(Verdict.HEALTHY, c.verdict());
        assertEquals(START.plusSeconds(60), c.at());
    }

    @Test
    public void bakeTimeCountsFromTheFirstRoundNotTheStart() {
        VerificationPolicy policy = POLICY.withThresholds(1, 1).withInitialDelay(Duration.ofSeconds(30)).withBakeTime(Duration.ofSeconds(20));
        Verification v = run(policy, HEALTHY, HEALTHY); // rounds at 30s and 40s: only 10s observed
        continuing(v);
        assertEquals(START.plusSeconds(50), concluded(run(policy, HEALTHY, HEALTHY, HEALTHY)).at());
    }

    @Test
    public void roundTakenAfterTheMaximumDurationIsNotCounted() {
        Verification v = Verification.start(POLICY.withThresholds(1, 1), START);
        Verification.Concluded c = concluded(v.record(round(START.plus(Duration.ofMinutes(6)), HEALTHY)));
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertTrue(c.reason(), c.reason().contains("no round was taken; round 1 at 2026-11-29T06:06:00Z came after that and was not counted"));
    }

    @Test
    public void expiringAfterTheDeadlineConcludesAndBeforeItChangesNothing() {
        Verification v = run(POLICY, HEALTHY);
        assertEquals(v, v.expire(START.plus(Duration.ofMinutes(5))));
        Verification.Concluded c = concluded(v.expire(START.plus(Duration.ofMinutes(7))));
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertTrue(c.reason(), c.reason().contains("1 of 3 healthy rounds in a row"));
    }

    @Test
    public void replayGivesTheSameDecisionAsRecordingOneByOne() {
        Outcome[][] histories = {
            {HEALTHY, HEALTHY, HEALTHY},
            {UNHEALTHY, HEALTHY, UNHEALTHY, INCONCLUSIVE, UNHEALTHY},
            {HEALTHY, UNHEALTHY, HEALTHY, UNHEALTHY, HEALTHY, UNHEALTHY},
        };
        for (Outcome[] history : histories) {
            Verification live = Verification.start(POLICY, START);
            List<Verification.Step> steps = new ArrayList<>();
            for (Outcome o : history) {
                if (!(live.decision() instanceof Verification.Continue next)) break;
                Verification.Step step = round(next.nextProbeAt().plusMillis(250), o); // rounds start a little late
                steps.add(step);
                live = live.record(step);
                Verification replayed = Verification.replay(POLICY, START, steps);
                assertEquals(live.decision(), replayed.decision());
                assertEquals(live.healthyStreak(), replayed.healthyStreak());
                assertEquals(live.unhealthyStreak(), replayed.unhealthyStreak());
            }
        }
    }

    @Test
    public void stepsAreRebuiltFromRecordedSamplesSkippingAnIncompleteRound() {
        List<HealthSample> recorded = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            Instant at = START.plusSeconds(10L * (r - 1));
            recorded.add(new HealthSample("a", HEALTHY, at, Duration.ZERO, "ok", null, null, r));
            if (r < 3) recorded.add(new HealthSample("b", UNHEALTHY, at.plusMillis(40), Duration.ZERO, "bad", null, null, r));
        }
        recorded.add(new HealthSample("ad hoc", HEALTHY, START, Duration.ZERO, "ok", null, null, 0));
        List<Verification.Step> steps = Verification.Step.fromSamples(recorded, 2);
        assertEquals(2, steps.size());
        assertEquals(START.plusSeconds(10), steps.get(1).at());
        assertEquals(Verdict.UNHEALTHY, concluded(Verification.replay(POLICY, START, steps)).verdict());
    }

    @Test
    public void concludedVerificationRefusesMoreRoundsAndRoundsMustBeInOrder() {
        Verification done = run(POLICY, UNHEALTHY, UNHEALTHY);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> done.record(round(START.plusSeconds(20), HEALTHY)));
        assertTrue(e.getMessage(), e.getMessage().contains("already concluded UNHEALTHY"));
        Verification one = run(POLICY, HEALTHY);
        assertThrows(IllegalArgumentException.class, () -> one.record(round(START.minusSeconds(1), HEALTHY)));
        Verification later = one.record(round(START.plusSeconds(15), HEALTHY));
        assertThrows(IllegalArgumentException.class, () -> later.record(round(START.plusSeconds(12), HEALTHY)));
    }

    @Test
    public void policyDefaultsAndValidation() {
        VerificationPolicy d = VerificationPolicy.of(Map.of());
        assertEquals(VerificationPolicy.DEFAULTS, d);
        assertEquals(Duration.ofSeconds(10), d.interval());
        assertEquals(Duration.ofMinutes(5), d.maxDuration());
        VerificationPolicy p = VerificationPolicy.of(Map.of("interval", "10s", "successThreshold", 3, "failureThreshold", "2", "bakeTime", "2m"));
        assertEquals(Duration.ofMinutes(2), p.bakeTime());

        InvalidVerificationPolicyException unknown = assertThrows(InvalidVerificationPolicyException.class,
                () -> VerificationPolicy.of(Map.of("intervall", "10s")));
        assertEquals("verification.intervall", unknown.field());
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("known settings are initialDelay, interval"));
        InvalidDurationException badText = assertThrows(InvalidDurationException.class, () -> VerificationPolicy.of(Map.of("bakeTime", "2 minutes")));
        assertEquals("verification.bakeTime", badText.field());
        assertEquals("verification.interval", assertThrows(InvalidVerificationPolicyException.class,
                () -> VerificationPolicy.DEFAULTS.withInterval(Duration.ZERO)).field());
        assertEquals("verification.successThreshold", assertThrows(InvalidVerificationPolicyException.class,
                () -> VerificationPolicy.DEFAULTS.withThresholds(0, 2)).field());
        assertEquals("verification.failureThreshold", assertThrows(InvalidVerificationPolicyException.class,
                () -> VerificationPolicy.of(Map.of("failureThreshold", "two"))).field());
        InvalidVerificationPolicyException tooShort = assertThrows(InvalidVerificationPolicyException.class,
                () -> VerificationPolicy.DEFAULTS.withBakeTime(Duration.ofMinutes(10)));
        assertEquals("verification.maxDuration", tooShort.field());
        assertTrue(tooShort.getMessage(), tooShort.getMessage().contains("must be at least 10m"));
        assertThrows(InvalidVerificationPolicyException.class, () -> VerificationPolicy.DEFAULTS.withMaxDuration(Duration.ofSeconds(15)));
    }
}
