package io.releaseledger.ledger;

import java.nio.file.Path;

/**
 * Run by {@link io.releaseledger.testing.PluginClassLoaderJvm} in a plugin's class loader, on a thread whose context
 * class loader is core's: checks that this is so, then opens the ledger, writes to it and reads it back, as the
 * plugin does at Jenkins' start-up.
 */
public final class OpenFromPluginLoader {
    private OpenFromPluginLoader() {}

    /**
     * @param args {@code h2 DIRECTORY}, or {@code postgres URL USER PASSWORD_VARIABLE} (the password stays in the
     *             environment, never on a command line)
     */
    public static void run(String[] args) {
        requireCoreContextLoader();
        try (Ledger ledger = open(args)) {
            ledger.defineEnvironment("staging", 1, Actor.system("jenkins"));
            System.out.println("OPENED " + ledger.store() + " " + ledger.environments() + " chain "
                    + ledger.verifyChain().intact());
        }
    }

    /** Opens the ledger of {@link #run}'s arguments. */
    public static Ledger open(String[] args) {
        LedgerConfig config = switch (args[0]) {
            case "h2" -> LedgerConfig.embedded(Path.of(args[1]));
            case "postgres" -> LedgerConfig.postgres(args[1], args[2], new PasswordSource.FromEnvironment(args[3]));
            default -> throw new IllegalArgumentException("unknown store " + args[0]);
        };
        return Ledger.open(config);
    }

    /**
     * Fails unless this thread's context class loader is not this class's and cannot see what the plugin bundles (the
     * drivers, HikariCP, Flyway, core): the setup is then as in Jenkins.
     */
    public static void requireCoreContextLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context == OpenFromPluginLoader.class.getClassLoader()) {
            throw new IllegalStateException("unfaithful setup: " + Thread.currentThread().getName()
                    + "'s context class loader is the plugin's own");
        }
        for (String bundled : new String[] {"org.h2.Driver", "org.postgresql.Driver", "com.zaxxer.hikari.HikariDataSource",
                "org.flywaydb.core.Flyway", "io.releaseledger.ledger.Ledger"}) {
            try {
                Class.forName(bundled, false, context);
                throw new IllegalStateException("unfaithful setup: " + Thread.currentThread().getName()
                        + "'s context class loader sees " + bundled);
            } catch (ClassNotFoundException expected) {
                // as in Jenkins: core's class loader cannot see what a plugin bundles
            }
        }
    }
}
