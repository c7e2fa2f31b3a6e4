package io.releaseledger.plugin;

import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.ClockSkew;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerConfig;
import java.util.List;
import java.util.Objects;

/**
 * The controller's one open {@link Ledger} (core wants one per JVM), opened from
 * {@link ReleaseLedgerConfiguration}: at start-up ({@link LedgerLifecycle}), again when the administrator
 * points it at another store, and on first use if neither happened. It defines the configured environments in
 * the ledger whenever they changed, and remembers the last failure to reach the store for
 * {@link LedgerUnreachableMonitor}.
 */
final class PluginLedger {
    private static Ledger ledger;
    private static String openedFor;
    private static List<String> definedFor = List.of();
    private static volatile Failure failure;
    private static volatile ClockSkew clockSkew;

    /**
     * Why the ledger could not be opened or used.
     *
     * @param store the store as {@link LedgerConfig#storeName()} names it — never a password
     * @param cause the failure's message, as core writes it (core never puts a password in it)
     */
    record Failure(String store, String cause) {}

    private PluginLedger() {}

    /**
     * The open ledger, with the configured environments defined in it.
     *
     * @throws RuntimeException the store's failure ({@code LedgerUnavailableException}, or core's refusal of
     *                          the settings), also remembered for the administrative monitor
     */
    static synchronized Ledger get() {
        ReleaseLedgerConfiguration configuration = ReleaseLedgerConfiguration.get();
        String key = configuration.storeKey();
        if (ledger == null || !key.equals(openedFor)) {
            close();
            String store = key;
            try {
                LedgerConfig config = configuration.toLedgerConfig();
                store = config.storeName();
                ledger = Ledger.open(config);
            } catch (RuntimeException e) {
                failed(store, e);
                throw e;
            }
            openedFor = key;
            failure = null;
            measureClockSkew();
        }
        define(ledger, configuration.toEnvironmentConfig());
        return ledger;
    }

    /** Defines environments added since the last call; the ledger ignores those it has. */
    private static void define(Ledger open, EnvironmentConfig environments) {
        List<String> wanted = environments.environments().stream().map(p -> p.name() + "@" + p.order()).toList();
        if (wanted.equals(definedFor)) return;
        for (EnvironmentPolicy policy : environments.environments()) {
            open.defineEnvironment(policy.name(), policy.order(), Actor.system("jenkins"));
        }
        definedFor = wanted;
    }

    /**
     * Measures how far this controller's clock is from the ledger database's, for {@link LedgerClockMonitor}; a
     * no-op while the ledger is not open. A failure to measure is no reason to fail anything: it is forgotten.
     */
    static void measureClockSkew() {
        Ledger open;
        synchronized (PluginLedger.class) {
            open = ledger;
        }
        if (open == null) return;
        try {
            clockSkew = open.measureClockSkew();
        } catch (RuntimeException e) {
            clockSkew = null;
        }
    }

    /** The last measured skew, or {@code null}. */
    static ClockSkew clockSkew() {
        return clockSkew;
    }

    /**
     * Before Jenkins stops: keeps the leases this controller holds for {@code allowance}, as its durable deploy bodies
     * run on through a restart; the resumed steps take them back. A no-op while the ledger is not open; a failure is
     * logged by the caller, never thrown into Jenkins' shutdown.
     *
     * @return how many leases were kept
     */
    static int holdLeasesThroughRestart(String owner, java.time.Duration allowance) {
        Ledger open;
        synchronized (PluginLedger.class) {
            open = ledger;
        }
        return open == null ? 0 : open.holdLeasesThrough(owner, allowance);
    }

    /** Remembers a failure to reach the store, for {@link LedgerUnreachableMonitor}. */
    static void failed(String store, RuntimeException e) {
        failure = new Failure(store, Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
    }

    /** The last failure to open the ledger, or {@code null} once it opened. */
    static Failure failure() {
        return failure;
    }

    static synchronized void close() {
        if (ledger != null) {
            try {
                ledger.close();
            } finally {
                ledger = null;
                openedFor = null;
                definedFor = List.of();
                clockSkew = null;
            }
        }
    }
}
