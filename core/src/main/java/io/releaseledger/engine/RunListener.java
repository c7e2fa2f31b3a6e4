package io.releaseledger.engine;

import io.releaseledger.health.HealthSample;
import io.releaseledger.notify.Notification;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import java.time.Instant;

/** What a front end shows while a {@link ReleaseRun} goes on; every method may be left out. */
public interface RunListener {
    /** The release moved to a new state (already recorded). */
    default void moved(Release release) {
    }

    /** The run carries on with a release a previous run left in flight. */
    default void resuming(Release release) {
    }

    /** A line about what is waited for (approvals, the environment's lease), told once per change. */
    default void waiting(Release release, String line) {
    }

    /** Carried on while a body the host started before its restart is still running: its end is awaited. */
    default void waitingForBody(ReleaseMode mode) {
    }

    /** A verification of {@code phase} began (or carried on): round {@code round} is due at {@code at}. */
    default void verificationScheduled(ReleaseMode phase, int round, Instant at) {
    }

    /** Round {@code round} is being probed. */
    default void probing(int round) {
    }

    /** A sample was recorded. */
    default void sampled(HealthSample sample) {
    }

    /** Round {@code taken} was recorded; the next is due at {@code nextAt}. */
    default void roundTaken(int taken, Instant nextAt) {
    }

    /** A round came back too late: the run ended meanwhile ({@code runEnded}), or a newer round began. */
    default void roundDropped(int round, boolean runEnded) {
    }

    /** The body was interrupted: the release is recorded ABORTED. */
    default void bodyInterrupted(Throwable cause) {
    }

    /** The body failed; {@code failure} is masked. */
    default void bodyFailed(String failure) {
    }

    /** A notification goes out; its message is masked. */
    default void notifying(Notification notification) {
    }

    /** The environment's lease was lost (or the ledger could not renew it): the run stops. */
    default void leaseLost(RuntimeException cause) {
    }

    /** The lease could not be given back; it expires by itself. */
    default void leaseNotReturned(RuntimeException cause) {
    }

    /** The abort could not be recorded. */
    default void abortNotRecorded(RuntimeException cause) {
    }
}
