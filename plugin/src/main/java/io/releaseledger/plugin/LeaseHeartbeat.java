package io.releaseledger.plugin;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Lease;
import io.releaseledger.ledger.LeaseLostException;
import io.releaseledger.ledger.LedgerUnavailableException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The environment lease a {@code deployRelease} or {@code rollbackRelease} execution holds: renewed every third of its
 * term on the host's scheduler (the renewal itself on the pool for blocking work), and given back when the step ends.
 * One per execution, with its own monitor, so a slow ledger call for one build never holds up another's renewal and a
 * long probe round of its own execution never delays it. Never written to the program: after a restart the execution
 * takes its lease back from the ledger.
 */
final class LeaseHeartbeat {
    /** What the step does when a renewal finds the lease lost or the ledger unreachable. */
    private final Consumer<RuntimeException> onLost;
    private volatile Lease lease;
    private volatile boolean stopped;
    private ScheduledFuture<?> beat;

    LeaseHeartbeat(Consumer<RuntimeException> onLost) {
        this.onLost = onLost;
    }

    /** Holds {@code acquired} and renews it from now on. */
    synchronized void hold(Lease acquired) {
        lease = acquired;
        stopped = false;
        if (beat == null) {
            StepHost host = StepHost.get();
            long period = Math.max(1, host.leaseTtl().toMillis() / 3);
            beat = host.scheduler().scheduleAtFixedRate(() -> StepHost.get().runBlocking(this::renew), period, period,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Whether a lease is held (one this execution acquired or took back since it was read). */
    boolean holding() {
        return lease != null;
    }

    private void renew() {
        Lease current = lease;
        if (stopped || current == null) return;
        try {
            synchronized (this) {
                if (lease == current && !stopped) lease = StepHost.get().ledger().renewLease(current, StepHost.get().leaseTtl());
            }
        } catch (LeaseLostException | LedgerUnavailableException e) {
            onLost.accept(e);
        }
    }

    /**
     * Stops renewing and gives the lease back if release {@code releaseId} holds it on {@code environment} (after a
     * restart it is found in the ledger); a failure to give it back is told to {@code log}, since it expires by itself.
     */
    synchronized void giveBack(String environment, long releaseId, Actor actor, Consumer<String> log) {
        stop();
        Lease held = lease;
        lease = null;
        try {
            if (held == null && environment != null) {
                StepHost host = StepHost.get();
                held = host.ledger().currentLease(environment)
                        .filter(l -> l.releaseId() == releaseId && l.holder().equals(host.owner())).orElse(null);
            }
            if (held != null) StepHost.get().ledger().releaseLease(held, actor);
        } catch (RuntimeException e) {
            log.accept(Messages.ReleaseStepExecution_LeaseNotReturned(environment, e.getMessage()));
        }
    }

    /** Stops renewing, keeping the lease: without the ledger it expires, and the release reads INTERRUPTED. */
    synchronized void stop() {
        stopped = true;
        if (beat != null) {
            beat.cancel(false);
            beat = null;
        }
    }
}
