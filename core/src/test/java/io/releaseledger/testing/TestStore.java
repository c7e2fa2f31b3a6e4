package io.releaseledger.testing;

import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.PasswordSource;

import java.io.IOException;
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
import org.junit.Assume;

/** A fresh, empty ledger database for one test, on H2 or on the real PostgreSQL server. */
public abstract class TestStore implements AutoCloseable {

    public static final String PG_URL = "RELEASE_LEDGER_TEST_PG_URL";
    public static final String PG_USER = "RELEASE_LEDGER_TEST_PG_USER";
    public static final String PG_PASSWORD = "RELEASE_LEDGER_TEST_PG_PASSWORD";

    /** The store for this JVM alone. */
    public abstract LedgerConfig config();

    /** A store that a second JVM can open at the same time. */
    public abstract LedgerConfig sharedConfig();

    /** A raw connection, for what the API must not allow: tampering, probes. */
    public Connection connect() throws SQLException {
        LedgerConfig c = sharedConfig();
        return DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password().read());
    }

    public static TestStore h2() {
        return new H2();
    }

    /** The PostgreSQL store; skips the calling test when no server is configured. */
    public static TestStore postgres() {
        String url = System.getenv(PG_URL);
        Assume.assumeTrue("PostgreSQL ledger suite skipped: set " + PG_URL + " (and " + PG_USER + ", " + PG_PASSWORD
                + ") to a database the tests may use; '.ci/postgres.sh' starts Debian's PostgreSQL and prints them",
                url != null && !url.isBlank());
        return new Postgres(url, System.getenv(PG_USER));
    }

    static final class H2 extends TestStore {
        private final Path dir;

        H2() {
            try {
                dir = Files.createTempDirectory("ledger-h2-");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public LedgerConfig config() {
            return LedgerConfig.embedded(dir);
        }

        @Override
        public LedgerConfig sharedConfig() {
            return LedgerConfig.embeddedShared(dir);
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Each test gets its own schema in the shared test database, dropped afterwards. */
    static final class Postgres extends TestStore {
        private final String baseUrl;
        private final String user;
        private final String schema = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);

        Postgres(String baseUrl, String user) {
            this.baseUrl = baseUrl;
            this.user = user;
            execute("CREATE SCHEMA " + schema);
        }

        @Override
        public LedgerConfig config() {
            return LedgerConfig.postgres(baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    user, new PasswordSource.FromEnvironment(PG_PASSWORD));
        }

        @Override
        public LedgerConfig sharedConfig() {
            return config();
        }

        private void execute(String sql) {
            try (Connection c = DriverManager.getConnection(baseUrl, user, System.getenv(PG_PASSWORD));
                 Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare the PostgreSQL test schema: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
