package io.releaseledger.bench;

import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.PasswordSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A ledger database for a benchmark: an H2 file in a directory, or a schema of its own in the
 * PostgreSQL test database named by the tests' variables (so benchmarks never touch another run's data).
 */
abstract class BenchStore implements AutoCloseable {
    static final String H2 = "h2";
    static final String POSTGRES = "postgres";

    static final String PG_URL = "RELEASE_LEDGER_TEST_PG_URL";
    static final String PG_USER = "RELEASE_LEDGER_TEST_PG_USER";
    static final String PG_PASSWORD = "RELEASE_LEDGER_TEST_PG_PASSWORD";

    /** The system properties through which the driver hands the seeded stores to JMH's forks. */
    static final String SEEDED_H2_DIR = "bench.seeded.h2";
    static final String SEEDED_PG_SCHEMA = "bench.seeded.pg";

    abstract LedgerConfig config();

    /** A plain JDBC connection to the same database, outside the ledger's pool; auto-commit off. */
    abstract Connection connect() throws SQLException;

    /** Deletes the store. */
    @Override
    public abstract void close();

    static boolean postgresAvailable() {
        String url = System.getenv(PG_URL);
        return url != null && !url.isBlank();
    }

    /** A new, empty store of that kind (the schema is created by the first {@code Ledger.open}). */
    static BenchStore fresh(String kind) {
        if (H2.equals(kind)) {
            try {
                return new H2Store(Files.createTempDirectory("bench-ledger-"), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        PgStore store = new PgStore(schema, true);
        store.admin("CREATE SCHEMA " + schema);
        return store;
    }

    /** The store the driver seeded with a million releases; kept when closed (the driver deletes it). */
    static BenchStore seeded(String kind) {
        if (H2.equals(kind)) {
            return new H2Store(Path.of(required(SEEDED_H2_DIR)), false);
        }
        return new PgStore(required(SEEDED_PG_SCHEMA), false);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("no seeded store: -D" + property + " is set by BenchMain; run bench/run.sh");
        }
        return value;
    }

    static final class H2Store extends BenchStore {
        final Path dir;
        private final boolean owned;

        H2Store(Path dir, boolean owned) {
            this.dir = dir;
            this.owned = owned;
        }

        /**
         * The embedded default as users get it, with one setting: H2 hands back the previous result of a
         * statement run again with the same parameters when no table changed in between. A benchmark
         * repeating one query would then time that cache (0.06 ms for a history page that took 5 s to
         * compute); a ledger in use changes between page views, so the query itself is what counts.
         */
        @Override
        LedgerConfig config() {
            LedgerConfig embedded = LedgerConfig.embedded(dir);
            return new LedgerConfig(embedded.jdbcUrl() + ";OPTIMIZE_REUSE_RESULTS=FALSE", embedded.user(),
                    embedded.password(), embedded.maximumPoolSize(), embedded.connectionTimeout());
        }

        @Override
        Connection connect() throws SQLException {
            Connection c = DriverManager.getConnection(config().jdbcUrl());
            c.setAutoCommit(false);
            return c;
        }

        @Override
        public void close() {
            if (owned) {
                delete(dir);
            }
        }
    }

    static final class PgStore extends BenchStore {
        final String schema;
        private final boolean owned;

        PgStore(String schema, boolean owned) {
            this.schema = schema;
            this.owned = owned;
        }

        private String url() {
            String base = System.getenv(PG_URL);
            return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        LedgerConfig config() {
            return LedgerConfig.postgres(url(), System.getenv(PG_USER), new PasswordSource.FromEnvironment(PG_PASSWORD));
        }

        @Override
        Connection connect() throws SQLException {
            // Batches become multi-row INSERTs: how a bulk load is done with this driver (the seeder batches).
            Connection c = DriverManager.getConnection(url() + "&reWriteBatchedInserts=true", System.getenv(PG_USER),
                    System.getenv(PG_PASSWORD));
            c.setAutoCommit(false);
            return c;
        }

        void admin(String sql) {
            try (Connection c = DriverManager.getConnection(System.getenv(PG_URL), System.getenv(PG_USER),
                    System.getenv(PG_PASSWORD));
                 Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL: " + sql + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (owned) {
                admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
