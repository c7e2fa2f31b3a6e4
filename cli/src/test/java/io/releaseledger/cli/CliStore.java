package io.releaseledger.cli;

import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.testing.TestStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * The ledger a process test's tool uses: the embedded H2 store in the test directory's {@code .release-ledger},
 * or a fresh schema of the real PostgreSQL server (skipped, saying how to enable it, where none is configured).
 */
final class CliStore implements AutoCloseable {
    static final String H2 = "H2";
    static final String POSTGRES = "PostgreSQL";

    private final String name;
    private final TestStore postgres;

    private CliStore(String name, TestStore postgres) {
        this.name = name;
        this.postgres = postgres;
    }

    /** The stores the process tests run against, for {@code @Parameterized.Parameters}. */
    static List<Object[]> both() {
        return List.of(new Object[] {H2}, new Object[] {POSTGRES});
    }

    /** Opens {@code name}'s store; for PostgreSQL, skips the test when no server is configured. */
    static CliStore open(String name) {
        return new CliStore(name, POSTGRES.equals(name) ? TestStore.postgres() : null);
    }

    /** The {@code ledger:} section of release-ledger.yaml for this store; empty for the embedded one. */
    String yaml() {
        if (postgres == null) {
            return "";
        }
        LedgerConfig c = postgres.config();
        return "ledger:\n  url: " + c.jdbcUrl() + "\n  user: " + c.user() + "\n  passwordEnv: " + TestStore.PG_PASSWORD
                + "\n";
    }

    /** PostgreSQL's {@code host:port} as the ledger URL names it. */
    String postgresAddress() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//([^/]+)/").matcher(postgres.config().jdbcUrl());
        if (!m.find()) {
            throw new IllegalStateException("no host:port in " + postgres.config().jdbcUrl());
        }
        return m.group(1);
    }

    /** A raw connection to the ledger the tool in {@code dir} uses, to look at what the API does not show. */
    Connection connect(Path dir) throws SQLException {
        if (postgres == null) {
            return DriverManager.getConnection(Context.embedded(dir.resolve(".release-ledger")).jdbcUrl());
        }
        return postgres.connect();
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not drop the PostgreSQL test schema: " + e.getMessage(), e);
            }
        }
    }
}
