package io.releaseledger.engine;

import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.notify.Notification;
import io.releaseledger.release.Release;
import io.releaseledger.secrets.SecretMask;
import java.time.Duration;
import java.time.Instant;

/**
 * What a host supplies to a {@link ReleaseRun}: time (timers), the deploy body, the probes, where notifications go,
 * and where the run's end is reported. Its callbacks may come from any of the host's threads.
 */
public interface RunHost {
    /**
     * Runs {@code task} once {@code at} has come (at once if it has passed), on a thread where it may block for a
     * ledger transaction or a round of probes.
     */
    Timer at(Instant at, Runnable task);

    /** Runs {@code task} every {@code period}, alongside the run's own work: it must go on while a body runs. */
    Timer every(Duration period, Runnable task);

    /**
     * Starts the deploy body for {@code deployment} and returns; it reports its end through
     * {@link ReleaseRun#bodyEnded}. An exception means it could not start (a credential that does not resolve):
     * for the ledger that is a failed deploy; an {@link InterruptedException}, that the host is stopping.
     */
    Body startBody(Release release, Deployment deployment) throws Exception;

    /** Takes the probes of a verification round (on the agent, in this process…). */
    HealthProbeRunner probes() throws Exception;

    /**
     * The secrets bound to the deploy, masked in every form in what the run records, tells and sends (samples,
     * a failed body's message, reasons, notifications). Asked each time: a host may bind them when the body starts.
     */
    SecretMask mask();

    /** Sends a notification; delivery failures never affect the release. */
    void notify(Notification notification);

    /** Who is recorded as having stopped the release when the host stops it (a build, a user). */
    String abortedBy();

    /** The reason recorded when the host stops the release because of {@code cause}. */
    String abortReason(Throwable cause);

    /** What to keep across a restart changed; when {@code writeNow}, keep it durably before going on. */
    default void checkpoint(ReleaseRun.Checkpoint checkpoint, boolean writeNow) {
    }

    /** The release settled (LIVE, ROLLED_BACK, REJECTED…): nothing more is performed. */
    void settled(Release release);

    /**
     * The run was stopped: by the host ({@link ReleaseRun#stop}), or its body or a round was interrupted. The
     * release is recorded {@code ABORTED} (unless that could not be recorded: see
     * {@link RunListener#abortNotRecorded}).
     */
    void stopped(Throwable cause);

    /**
     * The run ended without settling the release: the lease or the ledger was lost, or something failed. Its
     * message may quote an error; the host masks it before showing it.
     */
    void failed(Throwable error);

    /** A timer the run may cancel. */
    @FunctionalInterface
    interface Timer {
        /** Drops the task if it has not begun. */
        void cancel();
    }

    /** A running deploy body. */
    @FunctionalInterface
    interface Body {
        /**
         * Tells the body to stop (the lease was lost, the host stops the run): it ends, and reports its end. May be
         * called more than once.
         */
        void cancel(Throwable cause);
    }
}
