package io.releaseledger.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.releaseledger.internal.Backoff;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;

/**
 * The pool, the schema and the unit of work. Every write is one transaction that first locks the
 * chain head, so writers are serialized and the audit chain stays a single line across JVMs.
 *
 * <p>Time is the database's: each write reads the database's clock once it holds the chain head, so
 * every JVM sharing the store stamps events and compares lease times against the same clock, whatever
 * its own says. A test may put a virtual clock in the database's place ({@link #open(LedgerConfig, Clock)}).
 */
final class Database implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 5;
    /** Waits before retrying a serialization failure or deadlock: about 20, 40, 80, 160 ms (jittered). */
    private static final Backoff RETRY_WAITS = new Backoff(Duration.ofMillis(20), Duration.ofMillis(160));

    /**
     * H2 fixes {@code CURRENT_TIMESTAMP} for a whole transaction at its first use, which may be before a lock
     * wait; this function reads the clock of the JVM that runs the database (in the shared embedded mode, the
     * process serving the file) at each call.
     */
    static final String H2_CLOCK_FUNCTION = "RELEASE_LEDGER_NOW";

    private final HikariDataSource pool;
    private final String store;
    /** A test's virtual clock in the database's place, or {@code null}: the database's clock. */
    private final Clock testClock;
    /** The database's time for a statement's select list (the test clock's when there is one). */
    private final Now now;
    /** {@code SELECT} of the database's time in epoch milliseconds; its one parameter is the test clock's. */
    private final String timeQuery;
    /**
     * H2: the chain-head lock and the database's time in one statement. H2 evaluates the select list once it
     * holds the row, so the time is read after any wait for the lock ({@code waiterReadsTheTimeAfterTheLock}
     * pins it); in process, a statement fewer is a parse and an execution fewer in every write.
     */
    private final String lockAndTimeQuery;
    /**
     * PostgreSQL's driver sends statements joined by {@code ;} in one round trip and returns every
     * result; H2 runs in-process, where a round trip costs nothing, returns only the first result and
     * parses such a statement afresh each time.
     */
    private final boolean pipelines;

    private Database(HikariDataSource pool, String store, Clock testClock, boolean pipelines) {
        this.pool = pool;
        this.store = store;
        this.testClock = testClock;
        this.pipelines = pipelines;
        this.now = new Now("COALESCE(CAST(? AS BIGINT), " + (pipelines
                ? "FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT" : H2_CLOCK_FUNCTION + "()") + ")",
                testClock);
        this.timeQuery = "SELECT " + now.sql();
        this.lockAndTimeQuery = "SELECT seq, hash, last_at, " + now.sql() + " FROM chain_head WHERE id = 1 FOR UPDATE";
    }

    /**
     * The database's time now, in epoch milliseconds, as an expression for a statement's select list: PostgreSQL's
     * {@code clock_timestamp()}, H2's {@link #H2_CLOCK_FUNCTION}, or a test's virtual clock. Its one parameter is
     * set by {@link #bind}: what a read that judges leases (the views' lost owners) uses, so that it judges them by
     * the clock that wrote them.
     */
    record Now(String sql, Clock testClock) {
        /** Sets the expression's parameter: the test clock's time, or {@code NULL} for the database's. */
        void bind(PreparedStatement q, int index) throws SQLException {
            if (testClock == null) {
                q.setNull(index, Types.BIGINT);
            } else {
                q.setLong(index, testClock.millis());
            }
        }
    }

    /**
     * Opens the store.
     *
     * @param testClock a virtual clock to use in the database's place (tests), or {@code null}
     */
    static Database open(LedgerConfig config, Clock testClock) {
        String store = config.storeName();
        if (config.sharesEmbeddedStore() && !LedgerConfig.h2ServersOnLoopbackOnly()) {
            // Fail closed: H2's automatic server would offer this password-less database on every interface.
            throw new LedgerUnavailableException(store, "be shared with other processes", "H2's automatic server would"
                    + " listen on every network interface of this machine, and the embedded ledger has no password;"
                    + " start this JVM with -Dh2.bindAddress=127.0.0.1 (the release-ledger command does), or share"
                    + " a PostgreSQL ledger instead");
        }
        HikariDataSource pool;
        try {
            HikariConfig hikari = new HikariConfig();
            hikari.setPoolName("release-ledger");
            // A driver of core's own class, not a URL for DriverManager: see DriverSource (Jenkins' class loaders).
            hikari.setDataSource(DriverSource.of(config));
            hikari.setUsername(config.user());
            hikari.setPassword(config.password().read());
            hikari.setMaximumPoolSize(config.maximumPoolSize());
            hikari.setMinimumIdle(1);
            hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
            hikari.setAutoCommit(false);
            hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new LedgerUnavailableException(store, "be opened", rootCause(e));
        }
        try {
            // A store already at this version's schema opens without Flyway (see SCHEMA_VERSION); otherwise Flyway
            // decides, with core's class loader, not the thread's context one (core's in Jenkins): classpath:
            // migrations are looked up in it.
            Schema schema = schema(pool, !config.isPostgres());
            if (!schema.current()) {
                Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                        .dataSource(pool)
                        .locations("classpath:io/releaseledger/ledger/migration")
                        .load();
                if (config.isReadOnly()) {
                    // Nothing may be written: the schema must already be this version's.
                    if (flyway.info().pending().length > 0) {
                        throw new IllegalStateException("its schema is older than this version of Release Ledger and"
                                + " cannot be upgraded while the store is read-only");
                    }
                } else {
                    flyway.migrate();
                }
            }
            if (!config.isPostgres() && !schema.h2Clock() && !config.isReadOnly()) {
                defineH2Clock(pool);
            }
        } catch (RuntimeException e) {
            pool.close();
            throw new LedgerUnavailableException(store, "apply its schema", rootCause(e));
        }
        return new Database(pool, store, testClock, config.isPostgres());
    }

    /** Idempotent: a no-op once the function exists. */
    private static void defineH2Clock(HikariDataSource pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ALIAS IF NOT EXISTS " + H2_CLOCK_FUNCTION + " FOR 'java.lang.System.currentTimeMillis'");
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The newest migration under {@code io/releaseledger/ledger/migration} ({@code V3__freeze_override.sql}); a test
     * keeps the two in step. A store already at it (and, on H2, with its clock function) is opened without Flyway,
     * which would scan the class path and check every applied script: a third of a second of every command-line run,
     * for nothing to do. The same check lets a read-only store (a full disk) open without writing anything.
     */
    static final String SCHEMA_VERSION = "3";

    /** What opening found: whether the newest migration was applied, and on H2 whether the clock function exists. */
    private record Schema(boolean current, boolean h2Clock) {}

    /**
     * Reads Flyway's history, and on H2 whether {@link #H2_CLOCK_FUNCTION} is defined, in one statement: a store
     * that has both needs nothing written. Not current for a new store (no history yet) or one Flyway never finished.
     */
    private static Schema schema(HikariDataSource pool, boolean h2) {
        String newest = "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\""
                + " ORDER BY \"installed_rank\" DESC";
        String query = !h2 ? newest : "SELECT (" + newest + " FETCH FIRST 1 ROWS ONLY), (SELECT COUNT(*) FROM"
                + " INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_SCHEMA = CURRENT_SCHEMA AND ROUTINE_NAME = '"
                + H2_CLOCK_FUNCTION + "')";
        try (Connection c = pool.getConnection(); PreparedStatement q = c.prepareStatement(query)) {
            q.setMaxRows(1);
            try (ResultSet rs = q.executeQuery()) {
                boolean any = rs.next();
                Schema found = new Schema(any && SCHEMA_VERSION.equals(rs.getString(1)), any && h2 && rs.getLong(2) > 0);
                c.rollback();
                return found;
            }
        } catch (SQLException noHistoryYet) {
            return new Schema(false, false); // a new store, or one Flyway never finished: let Flyway look
        }
    }

    String store() {
        return store;
    }

    /** The database's time (or the test clock's) now, read in its own short transaction. */
    Instant now() {
        return read("read the ledger's clock", c -> Instant.ofEpochMilli(now(c)));
    }

    /** The database's time now, in epoch milliseconds, on {@code connection}. */
    long now(Connection connection) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(timeQuery)) {
            bindTestTime(q, 1);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void bindTestTime(PreparedStatement q, int index) throws SQLException {
        now.bind(q, index);
    }

    /** The database's time for a read's select list. */
    Now time() {
        return now;
    }

    /** Whether a test's virtual clock stands in for the database's. */
    boolean testClock() {
        return testClock != null;
    }

    /** A read-only unit of work. */
    <T> T read(String action, SqlWork<T> work) {
        return run(action, connection -> work.run(connection));
    }

    /**
     * A write: one transaction, chain head locked first, events appended through the {@link WriteTx}.
     * Retried from scratch on a serialization failure; any other failure rolls back everything.
     */
    <T> T write(String action, WriteWork<T> work) {
        return run(action, connection -> {
            WriteTx tx;
            if (pipelines) {
                try (PreparedStatement q = connection.prepareStatement(WriteTx.LOCK_HEAD + "; " + timeQuery)) {
                    bindTestTime(q, 1);
                    tx = lockAndTime(connection, q);
                }
            } else {
                tx = lockH2(connection);
            }
            T result = work.run(tx);
            tx.finish();
            return result;
        });
    }

    /**
     * A write that records a new release: as {@link #write}, with the next release id — one more than the highest,
     * read once the chain head is locked, so writers that waited for the lock see the ids committed before them
     * and release ids have no gaps ({@link Releases#NEXT_ID}). On PostgreSQL the lock, the time and the id travel
     * in one round trip (under READ COMMITTED each statement reads what was committed when it starts); on H2, in
     * process, the id is a statement of its own after the lock.
     */
    <T> T writeNewRelease(String action, NewReleaseWork<T> work) {
        return run(action, connection -> {
            WriteTx tx;
            long nextId;
            if (pipelines) {
                try (PreparedStatement q = connection.prepareStatement(WriteTx.LOCK_HEAD + "; " + timeQuery + "; "
                        + Releases.NEXT_ID)) {
                    bindTestTime(q, 1);
                    tx = lockAndTime(connection, q);
                    q.getMoreResults();
                    try (ResultSet rs = q.getResultSet()) {
                        nextId = Releases.nextId(rs);
                    }
                }
            } else {
                tx = lockH2(connection);
                try (PreparedStatement q = connection.prepareStatement(Releases.NEXT_ID);
                     ResultSet rs = q.executeQuery()) {
                    nextId = Releases.nextId(rs);
                }
            }
            T result = work.run(tx, nextId);
            tx.finish();
            return result;
        });
    }

    /**
     * A write about one release: as {@link #write}, with the release as it stands once the chain head
     * is locked. On PostgreSQL the lock and the read travel in one round trip; the read is a statement
     * of its own, so under READ COMMITTED it sees whatever the writer it waited for committed.
     *
     * @throws java.util.NoSuchElementException if there is no such release
     */
    <T> T writeRelease(String action, long releaseId, ReleaseWork<T> work) {
        return run(action, connection -> {
            WriteTx tx;
            Releases.Leased release;
            if (pipelines) {
                try (PreparedStatement q = connection.prepareStatement(WriteTx.LOCK_HEAD + "; " + timeQuery + "; "
                        + Releases.FIND_LEASED)) {
                    bindTestTime(q, 1);
                    q.setLong(2, releaseId);
                    tx = lockAndTime(connection, q);
                    q.getMoreResults();
                    try (ResultSet row = q.getResultSet()) {
                        release = Releases.leased(row, releaseId);
                    }
                }
            } else {
                tx = lockH2(connection);
                release = Releases.findLeased(connection, releaseId);
            }
            T result = work.run(tx, release);
            tx.finish();
            return result;
        });
    }

    /** H2: locks the chain head and reads the database's time, in one statement. */
    private WriteTx lockH2(Connection connection) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(lockAndTimeQuery)) {
            bindTestTime(q, 1);
            try (ResultSet rs = q.executeQuery()) {
                WriteTx.Head head = WriteTx.head(rs);
                return new WriteTx(connection, head, rs.getLong(4), false);
            }
        }
    }

    /** Runs the pipelined chain-head lock and time query {@code q}, leaving it at the time's result. */
    private static WriteTx lockAndTime(Connection connection, PreparedStatement q) throws SQLException {
        q.execute();
        WriteTx.Head head;
        try (ResultSet rs = q.getResultSet()) {
            head = WriteTx.head(rs);
        }
        q.getMoreResults();
        try (ResultSet rs = q.getResultSet()) {
            rs.next();
            return new WriteTx(connection, head, rs.getLong(1), true);
        }
    }

    private <T> T run(String action, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = pool.getConnection()) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && isRetryable(e)) {
                    Backoff.sleep(RETRY_WAITS.delay(attempt)); // interrupted: try again at once, as before
                    continue;
                }
                throw new LedgerUnavailableException(store, action, e);
            }
        }
    }

    /** Serialization failures and deadlocks are the database asking us to try again; nothing else is. */
    private static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        pool.close();
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface WriteWork<T> {
        T run(WriteTx tx) throws SQLException;
    }

    @FunctionalInterface
    interface NewReleaseWork<T> {
        T run(WriteTx tx, long nextReleaseId) throws SQLException;
    }

    @FunctionalInterface
    interface ReleaseWork<T> {
        T run(WriteTx tx, Releases.Leased release) throws SQLException;
    }
}
