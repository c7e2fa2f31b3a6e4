package io.releaseledger.web;

import static io.releaseledger.release.ReleaseState.APPROVED;
import static io.releaseledger.release.ReleaseState.AWAITING_APPROVAL;
import static io.releaseledger.release.ReleaseState.DEPLOYING;
import static io.releaseledger.release.ReleaseState.LIVE;
import static io.releaseledger.release.ReleaseState.ROLLED_BACK;
import static io.releaseledger.release.ReleaseState.UNHEALTHY;
import static io.releaseledger.release.ReleaseState.VERIFYING;

import io.releaseledger.approval.Decision;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.health.HealthSample;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.ReleaseRequest;
import io.releaseledger.ledger.SampleRecord;
import io.releaseledger.ledger.Transition;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.testing.TestStore;
import io.releaseledger.testing.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A real H2 ledger on a virtual clock, with the moves a release makes written through the Ledger API. */
final class ScriptedLedger implements AutoCloseable {
    static final Actor ALICE = new Actor("alice", "https://ci.example.com/job/payments/12/");
    static final Actor BOB = new Actor("bob", "https://ci.example.com/job/payments/13/");
    static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

    final TestStore store = TestStore.h2();
    final VirtualClock clock;
    final Ledger ledger;

    /** Opens the ledger in AUTO_SERVER mode, so a test can also write rows with plain SQL while it is open. */
    ScriptedLedger(String... environments) {
        this(START, environments);
    }

    ScriptedLedger(Instant start, String... environments) {
        clock = new VirtualClock(start);
        ledger = Ledger.open(store.sharedConfig(), clock);
        for (int i = 0; i < environments.length; i++) {
            ledger.defineEnvironment(environments[i], i + 1, ALICE);
        }
    }

    static Digest digest(String artifact, String version) {
        return Digest.sha256((artifact + " " + version).getBytes(StandardCharsets.UTF_8));
    }

    void register(String artifact, String version) {
        register(artifact, version, "s3://builds/" + artifact + "-" + version + ".jar", ALICE);
    }

    void register(String artifact, String version, String location, Actor by) {
        if (ledger.artifact(artifact, version).isEmpty()) {
            ledger.registerArtifact(new ArtifactRegistration(artifact, version, digest(artifact, version),
                    ArtifactKind.FILE, location, new ArtifactSource("payments/main", "7", "c0ffee")), by);
        }
    }

    Release request(String environment, String artifact, String version, Actor by) {
        register(artifact, version);
        return ledger.requestRelease(ReleaseRequest.deploy(environment, artifact, version), by);
    }

    Release move(Release r, ReleaseState to, String reason, Actor by) {
        clock.advance(Duration.ofSeconds(30));
        return ledger.transition(r.id(), Transition.of(r.state(), to, reason), by);
    }

    Release move(Release r, ReleaseState to) {
        return move(r, to, "test", ALICE);
    }

    void sample(Release r, ReleaseMode phase, HealthSample.Outcome outcome, String reason, int round) {
        clock.advance(Duration.ofSeconds(10));
        ledger.recordSample(r.id(), new SampleRecord(phase, new HealthSample("GET https://pay.example.com/health",
                outcome, clock.instant(), Duration.ofMillis(40), reason,
                outcome == HealthSample.Outcome.HEALTHY ? "200" : "500", null, round)), ALICE);
    }

    /** Requested, approved without approvals, deployed, verified healthy twice, live. */
    Release live(String environment, String artifact, String version) {
        Release r = request(environment, artifact, version, ALICE);
        for (ReleaseState to : List.of(APPROVED, DEPLOYING, VERIFYING)) {
            r = move(r, to);
        }
        sample(r, ReleaseMode.DEPLOY, HealthSample.Outcome.HEALTHY, "status 200 is in 2xx", 1);
        sample(r, ReleaseMode.DEPLOY, HealthSample.Outcome.HEALTHY, "status 200 is in 2xx", 2);
        clock.advance(Duration.ofMinutes(1));
        return move(r, LIVE, "healthy: 2 consecutive healthy rounds", ALICE);
    }

    /** Approved by bob, deployed, unhealthy twice, rolled back to {@code good}, whose redeploy verified healthy. */
    Release rolledBack(String environment, String artifact, String version, Release good) {
        Release r = request(environment, artifact, version, ALICE);
        r = move(r, AWAITING_APPROVAL, "needs 1 approval from release-managers", ALICE);
        clock.advance(Duration.ofMinutes(3));
        ledger.decide(r.id(), "bob", Set.of("release-managers"), Decision.APPROVE, "ship it", BOB);
        r = move(r, APPROVED, "approved by bob", BOB);
        r = move(r, DEPLOYING);
        r = move(r, VERIFYING);
        sample(r, ReleaseMode.DEPLOY, HealthSample.Outcome.UNHEALTHY, "status 500 is not in 2xx", 1);
        sample(r, ReleaseMode.DEPLOY, HealthSample.Outcome.UNHEALTHY, "status 500 is not in 2xx", 2);
        r = move(r, UNHEALTHY, "unhealthy: 2 consecutive unhealthy rounds", ALICE);
        r = ledger.transition(r.id(), Transition.rollingBack(UNHEALTHY, good.id(),
                "rolling back to release " + good.id()), ALICE);
        sample(r, ReleaseMode.ROLLBACK, HealthSample.Outcome.HEALTHY, "status 200 is in 2xx", 1);
        return move(r, ROLLED_BACK, "rolled back to " + good.coordinates() + ", verified healthy", ALICE);
    }

    @Override
    public void close() throws Exception {
        ledger.close();
        store.close();
    }
}
