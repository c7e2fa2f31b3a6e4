package io.releaseledger.release;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Lease;
import io.releaseledger.ledger.LeaseLostException;
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
 */
final class LeaseKeeper implements AutoCloseable {
    private final Ledger ledger;
    private final Clock clock;
    private final Duration ttl;
    private final Thread owner;
    private final ScheduledExecutorService heartbeat;
    private volatile Lease lease;
    private volatile RuntimeException lost;
    private ScheduledFuture<?> beat;

    LeaseKeeper(Ledger ledger, Clock clock, Duration ttl) {
        this.ledger = ledger;
        this.clock = clock;
        this.ttl = ttl;
        this.owner = Thread.currentThread();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "release-ledger-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    synchronized void hold(Lease acquired) {
        lease = acquired;
        lost = null;
        if (beat == null) {
            long period = Math.max(1, ttl.toMillis() / 3);
            beat = heartbeat.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
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
        try {
            lease = ledger.renewLease(current, term);
        } catch (LeaseLostException | LedgerUnavailableException e) {
            // Without the lease (or the ledger) nothing may proceed: stop the release's thread.
            lost = e;
            lease = null;
            owner.interrupt();
        }
    }

    /** Gives the lease back; a no-op when not held. */
    synchronized void release(Actor actor) {
        Lease current = lease;
        lease = null;
        if (current != null) {
            ledger.releaseLease(current, actor);
        }
    }

    /** Stops renewing. The lease is not given back: after a crash it must stay until it expires. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
    }
}
