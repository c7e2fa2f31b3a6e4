package io.releaseledger.plugin;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;

/**
 * Opens the ledger with Jenkins and closes it on shutdown. Opening happens once the global configuration
 * (and Configuration as Code, which applies before {@link InitMilestone#SYSTEM_CONFIG_ADAPTED}) is loaded and
 * before jobs load, so Pipeline steps resuming after a restart find the ledger open. A store that cannot be
 * reached does not stop Jenkins: {@link LedgerUnreachableMonitor} says so, and the next use tries again.
 */
public final class LedgerLifecycle {
    private static final Logger LOGGER = Logger.getLogger(LedgerLifecycle.class.getName());
    /** A change is saved once (form, CasC), but scripts may call several setters: reopen after the last save settles. */
    static final long SETTLE_MILLIS = 1000;
    /**
     * How long a normal restart keeps this controller's leases: its durable deploy bodies (sh on an agent) run on
     * while it is down, so no other controller may deploy to their environments meanwhile. Override with the system
     * property {@code io.releaseledger.plugin.LedgerLifecycle.restartAllowanceMinutes}.
     */
    static final Duration RESTART_ALLOWANCE = Duration.ofMinutes(
            Long.getLong(LedgerLifecycle.class.getName() + ".restartAllowanceMinutes", 15));
    private static ScheduledFuture<?> pending;
    private static ScheduledFuture<?> clockWatch;

    private LedgerLifecycle() {}

    @Initializer(after = InitMilestone.SYSTEM_CONFIG_ADAPTED, before = InitMilestone.JOB_LOADED, fatal = false)
    public static void start() {
        open("start-up");
        synchronized (LedgerLifecycle.class) {
            if (clockWatch == null) {
                clockWatch = Timer.get().scheduleWithFixedDelay(PluginLedger::measureClockSkew, 10, 10, TimeUnit.MINUTES);
            }
        }
    }

    @Terminator
    public static void stop() {
        synchronized (LedgerLifecycle.class) {
            if (pending != null) pending.cancel(false);
            if (clockWatch != null) clockWatch.cancel(false);
            clockWatch = null;
        }
        keepLeasesThroughRestart(PluginRuntime.get().owner());
        PluginLedger.close();
    }

    /** Extends this controller's leases by {@link #RESTART_ALLOWANCE}; never fails the shutdown. */
    static void keepLeasesThroughRestart(String owner) {
        try {
            int kept = PluginLedger.holdLeasesThroughRestart(owner, RESTART_ALLOWANCE);
            if (kept > 0) {
                LOGGER.info(() -> "Release Ledger: kept " + kept + " environment lease(s) of " + owner + " for "
                        + RESTART_ALLOWANCE.toMinutes() + " minutes while Jenkins restarts");
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Release Ledger: could not keep the leases of " + owner + " through the restart"
                    + " (they expire on their own): " + e.getMessage());
        }
    }

    /**
     * The settings were saved: reopen (a no-op when the store is the same) and define the environments, shortly,
     * on Jenkins' timer, never on the thread that saved (a web request, Configuration as Code at start-up).
     */
    static synchronized void settingsChanged() {
        if (pending != null) pending.cancel(false);
        pending = Timer.get().schedule(() -> open("configuration change"), SETTLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void open(String why) {
        try {
            PluginLedger.get();
            LOGGER.fine(() -> "Release Ledger: ledger open after " + why);
        } catch (RuntimeException e) {
            // Remembered by PluginLedger for the administrative monitor; the message names the store, never a password.
            LOGGER.log(Level.WARNING, "Release Ledger: the ledger could not be opened after " + why + ": " + e.getMessage());
        }
    }
}
