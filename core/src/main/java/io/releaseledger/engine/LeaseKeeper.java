package io.releaseledger.engine;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Lease;
import io.releaseledger.ledger.LeaseLostException;
import io.releaseledger.ledger.LeaseTerms;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds one environment lease for a running release: renews it in the background while the deploy
 * body runs and before every wait, and says when it was lost so the release stops instead of
 * deploying without it.
 *
 * <p>It also stops the release by itself once the lease may have expired: when no renewal has succeeded
 * by the term counted from when the last successful one was sent (this JVM's monotonic clock, which never
 * runs ahead of the ledger's expiry), because a renewal failed, or hangs on a dead connection. Another owner
 * may take the lease only after the expiry and a grace ({@link LeaseTerms#grace()}): the time this release's
 * body has to stop.
 */
final class LeaseKeeper implements AutoCloseable {
    private final Ledger ledger;
    private final Clock clock;
    private final Duration ttl;
    private final Thread owner;
    /** Two threads: the deadline watch goes on while a renewal hangs. */
    private final ScheduledExecutorService heartbeat;
    private volatile Lease lease;
    private volatile RuntimeException lost;
    /** {@link System#nanoTime()} by which the next renewal must have succeeded. */
    private volatile long deadline;
    private ScheduledFuture<?> beat;

    LeaseKeeper(Ledger ledger, Clock clock, Duration ttl) {
        this.ledger = ledger;
        this.clock = clock;
        this.ttl = ttl;
        this.owner = Thread.currentThread();
        this.heartbeat = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "release-ledger-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    synchronized void hold(Lease acquired) {
        lease = acquired;
        lost = null;
        deadline = System.nanoTime() + ttl.toNanos();
        if (beat == null) {
            long period = new LeaseTerms(ttl).renewEvery().toMillis();
            beat = heartbeat.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
            long watch = Math.min(1000, period);
            heartbeat.scheduleAtFixedRate(this::watchDeadline, watch, watch, TimeUnit.MILLISECONDS);
        }
    }

    boolean holding() {
        return lease != null;
    }

    /** Keeps the lease through a planned wait until {@code wakeAt}, then for one more term. */
    void coverUntil(Instant wakeAt) {
        Lease current = lease;
        if (current != null) {
            Duration wait = Duration.between(clock.instant(), wakeAt);
            renewFor(current, (wait.isNegative() ? Duration.ZERO : wait).plus(ttl));
        }
    }

    /** What made the lease lost, or {@code null}. */
    RuntimeException lostCause() {
        return lost;
    }

    /** Throws what made the lease lost, if it was; called between steps. */
    void check() {
        RuntimeException e = lost;
        if (e != null) {
            throw e;
        }
    }

    private void renew() {
        Lease current = lease;
        if (current != null) {
            renewFor(current, ttl);
        }
    }

    private synchronized void renewFor(Lease current, Duration term) {
        if (lease != current) {
            return;
        }
        long sent = System.nanoTime();
        try {
            Lease renewed = ledger.renewLease(current, term);
            if (lost == null) { // the deadline watch may have given up on it meanwhile: that stands
                lease = renewed;
                deadline = sent + term.toNanos();
            }
        } catch (LeaseLostException | LedgerUnavailableException e) {
            stop(e);
        }
    }

    /** Not synchronized: it must act while a renewal hangs in {@link #renewFor}. */
    private void watchDeadline() {
        Lease current = lease;
        if (current != null && lost == null && System.nanoTime() - deadline > 0) {
            stop(new LeaseLostException(current));
        }
    }

    /** Without the lease (or the ledger) nothing may proceed: stop the release's thread. */
    private void stop(RuntimeException cause) {
        lost = cause;
        lease = null;
        owner.interrupt();
    }

    /** Gives the lease back; a no-op when not held. */
    synchronized void release(Actor actor) {
        Lease current = lease;
        lease = null;
        if (current != null) {
            ledger.releaseLease(current, actor);
        }
    }

    /**
     * Stops renewing. The lease is not given back: after a crash it must stay until it expires. A renewal under way
     * is let finish rather than interrupted: an interrupt that reaches H2 inside a file write closes the embedded
     * store's file for every thread of the process.
     */
    @Override
    public void close() {
        heartbeat.shutdown();
    }
}
