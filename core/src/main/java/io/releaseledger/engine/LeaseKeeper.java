package io.releaseledger.engine;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Lease;
import io.releaseledger.ledger.LeaseLostException;
import io.releaseledger.ledger.LeaseOwner;
import io.releaseledger.ledger.LeaseTerms;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Holds one environment lease for a running release, on the host's timers: renews it every third of its term, and
 * says when it was lost so the release stops instead of deploying without it.
 *
 * <p>It also gives up by itself once the lease may have expired: when no renewal has succeeded by the term counted
 * from when the last successful one was sent (this JVM's monotonic clock, which never runs ahead of the ledger's
 * expiry), because a renewal failed, or hangs on a dead connection. Another owner may take the lease only after the
 * expiry and a grace ({@link LeaseTerms#grace()}): the time this release's body has to stop.
 */
final class LeaseKeeper {
    private final Ledger ledger;
    private final Clock clock;
    private final Duration ttl;
    /** The host's repeating timers: the renewal and the deadline watch each on their own, so one may hang. */
    private final BiFunction<Duration, Runnable, RunHost.Timer> every;
    private final Consumer<RuntimeException> onLost;
    private volatile Lease lease;
    private volatile RuntimeException lost;
    private volatile boolean everHeld;
    /** Given back once already; a later give-back (the run's end after the machine's own) has nothing to do. */
    private volatile boolean givenBack;
    /** {@link System#nanoTime()} by which the next renewal must have succeeded. */
    private volatile long deadline;
    private volatile RunHost.Timer beat;
    private volatile RunHost.Timer watch;

    LeaseKeeper(Ledger ledger, Clock clock, Duration ttl, BiFunction<Duration, Runnable, RunHost.Timer> every,
                Consumer<RuntimeException> onLost) {
        this.ledger = ledger;
        this.clock = clock;
        this.ttl = ttl;
        this.every = every;
        this.onLost = onLost;
    }

    /** Holds {@code acquired} and renews it from now on. */
    synchronized void hold(Lease acquired) {
        lease = acquired;
        givenBack = false;
        lost = null;
        everHeld = true;
        deadline = System.nanoTime() + ttl.toNanos();
        if (beat == null) {
            Duration period = new LeaseTerms(ttl).renewEvery();
            beat = every.apply(period, this::renew);
            watch = every.apply(min(Duration.ofSeconds(1), period), this::watchDeadline);
        }
    }

    /** Whether this keeper held a lease at some time (it may have been lost since). */
    boolean everHeld() {
        return everHeld;
    }

    /** Keeps the lease through a planned wait until {@code wakeAt}, then for one more term. */
    void coverUntil(Instant wakeAt) {
        Lease current = lease;
        if (current != null) {
            Duration wait = Duration.between(clock.instant(), wakeAt);
            renewFor(current, (wait.isNegative() ? Duration.ZERO : wait).plus(ttl));
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
            lose(e);
        }
    }

    /** Not synchronized: it must act while a renewal hangs in {@link #renewFor}. */
    private void watchDeadline() {
        Lease current = lease;
        if (current != null && lost == null && System.nanoTime() - deadline > 0) {
            lose(new LeaseLostException(current));
        }
    }

    private void lose(RuntimeException cause) {
        if (lost != null) return;
        lost = cause;
        lease = null;
        stop();
        onLost.accept(cause);
    }

    /**
     * Stops renewing and gives the lease back if release {@code releaseId} holds it on {@code environment}: the one
     * held here, or, after the host restarted, the one the ledger says {@code owner} holds for it. A no-op when none.
     */
    void giveBack(String environment, long releaseId, LeaseOwner owner, Actor actor) {
        stop();
        Lease held = lease;
        lease = null;
        if (givenBack && held == null) return; // already given back in this run: no need to ask the ledger again
        if (held == null && environment != null && releaseId >= 0) {
            held = ledger.currentLease(environment)
                    .filter(l -> l.releaseId() == releaseId && l.holder().equals(owner.name())).orElse(null);
        }
        if (held != null) {
            ledger.releaseLease(held, actor);
        }
        givenBack = true;
    }

    /**
     * Stops renewing, keeping the lease: after a crash, or without the ledger, it must stay until it expires. A renewal
     * under way is let finish rather than interrupted: an interrupt that reaches H2 inside a file write closes the
     * embedded store's file for every thread of the process. Not synchronized: the deadline watch calls it while a
     * renewal hangs.
     */
    void stop() {
        RunHost.Timer b = beat;
        RunHost.Timer w = watch;
        if (b != null) b.cancel();
        if (w != null) w.cancel();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
