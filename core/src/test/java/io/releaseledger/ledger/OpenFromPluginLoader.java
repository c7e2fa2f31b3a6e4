package io.releaseledger.ledger;

import java.nio.file.Path;

/**
 * Loaded by the plugin's class loader of {@link CoreLoaderLauncher}, on a thread whose context class loader is
 * core's: opens the ledger, writes to it and reads it back, as the plugin does at Jenkins' start-up.
 */
public final class OpenFromPluginLoader {
    private OpenFromPluginLoader() {}

    /**
     * @param args {@code h2 DIRECTORY}, or {@code postgres URL USER PASSWORD_VARIABLE} (the password stays in the
     *             environment, never on a command line)
     */
    public static void run(String[] args) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context == OpenFromPluginLoader.class.getClassLoader()) {
            throw new IllegalStateException("unfaithful setup: the context class loader is the plugin's own");
        }
        for (String driver : new String[] {"org.h2.Driver", "org.postgresql.Driver", "com.zaxxer.hikari.HikariDataSource",
                "org.flywaydb.core.Flyway", "io.releaseledger.ledger.Ledger"}) {
            try {
                Class.forName(driver, false, context);
                throw new IllegalStateException("unfaithful setup: the context class loader sees " + driver);
            } catch (ClassNotFoundException expected) {
                // as in Jenkins: core's class loader cannot see what a plugin bundles
            }
        }
        LedgerConfig config = switch (args[0]) {
            case "h2" -> LedgerConfig.embedded(Path.of(args[1]));
            case "postgres" -> LedgerConfig.postgres(args[1], args[2], new PasswordSource.FromEnvironment(args[3]));
            default -> throw new IllegalArgumentException("unknown store " + args[0]);
        };
        try (Ledger ledger = Ledger.open(config)) {
            ledger.defineEnvironment("staging", 1, Actor.system("jenkins"));
            System.out.println("OPENED " + ledger.store() + " " + ledger.environments() + " chain "
                    + ledger.verifyChain().intact());
        }
    }
}
