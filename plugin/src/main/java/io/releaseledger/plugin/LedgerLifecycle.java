package io.releaseledger.plugin;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
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
    private static ScheduledFuture<?> pending;

    private LedgerLifecycle() {}

    @Initializer(after = InitMilestone.SYSTEM_CONFIG_ADAPTED, before = InitMilestone.JOB_LOADED, fatal = false)
    public static void start() {
        open("start-up");
    }

    @Terminator
    public static void stop() {
        synchronized (LedgerLifecycle.class) {
            if (pending != null) pending.cancel(false);
        }
        PluginLedger.close();
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
