package io.releaseledger.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.releaseledger.release.Release;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.Flyway;

/**
 * The pool, the schema and the unit of work. Every write is one transaction that first locks the
 * chain head, so writers are serialized and the audit chain stays a single line across JVMs.
 */
final class Database implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 5;

    private final HikariDataSource pool;
    private final String store;
    private final Clock clock;
    /**
     * PostgreSQL's driver sends statements joined by {@code ;} in one round trip and returns every
     * result; H2 runs in-process, where a round trip costs nothing, returns only the first result and
     * parses such a statement afresh each time.
     */
    private final boolean pipelines;

    private Database(HikariDataSource pool, String store, Clock clock, boolean pipelines) {
        this.pool = pool;
        this.store = store;
        this.clock = clock;
        this.pipelines = pipelines;
    }

    static Database open(LedgerConfig config, Clock clock) {
        String store = config.storeName();
        if (config.sharesEmbeddedStore()) {
            LedgerConfig.bindH2ServersToLoopback();
        }
        HikariDataSource pool;
        try {
            HikariConfig hikari = new HikariConfig();
            hikari.setPoolName("release-ledger");
            hikari.setJdbcUrl(config.jdbcUrl());
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
            if (!schemaIsCurrent(pool)) {
                Flyway.configure(Database.class.getClassLoader())
                        .dataSource(pool)
                        .locations("classpath:io/releaseledger/ledger/migration")
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            pool.close();
            throw new LedgerUnavailableException(store, "apply its schema", rootCause(e));
        }
        return new Database(pool, store, clock, config.isPostgres());
    }

    /**
     * The newest migration under {@code io/releaseledger/ledger/migration} ({@code V2__freeze_override.sql}); a test
     * keeps the two in step. A store already at it is opened without Flyway, which would scan the class path and
     * check every applied script: a third of a second of every command-line run, for nothing to do.
     */
    static final String SCHEMA_VERSION = "2";

    /** Whether Flyway's history says the newest migration was applied; {@code false} for a new store. */
    private static boolean schemaIsCurrent(HikariDataSource pool) {
        try (Connection c = pool.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT \"version\" FROM \"flyway_schema_history\""
                     + " WHERE \"success\" ORDER BY \"installed_rank\" DESC")) {
            q.setMaxRows(1);
            try (ResultSet rs = q.executeQuery()) {
                boolean current = rs.next() && SCHEMA_VERSION.equals(rs.getString(1));
                c.rollback();
                return current;
            }
        } catch (SQLException noHistoryYet) {
            return false; // a new store, or one Flyway never finished: let Flyway look
        }
    }

    String store() {
        return store;
    }

    Clock clock() {
        return clock;
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
            // Milliseconds: what the store keeps, so a value returned now equals the same value read later.
            WriteTx tx = WriteTx.begin(connection, clock.instant().truncatedTo(ChronoUnit.MILLIS), pipelines);
            T result = work.run(tx);
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
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            WriteTx tx;
            Release release;
            if (pipelines) {
                try (PreparedStatement q = connection.prepareStatement(WriteTx.LOCK_HEAD + "; " + Releases.FIND)) {
                    q.setLong(1, releaseId);
                    q.execute();
                    try (ResultSet head = q.getResultSet()) {
                        tx = WriteTx.locked(connection, now, true, head);
                    }
                    q.getMoreResults();
                    try (ResultSet row = q.getResultSet()) {
                        release = Releases.one(row, releaseId);
                    }
                }
            } else {
                tx = WriteTx.begin(connection, now, false);
                release = Releases.find(connection, releaseId, false);
            }
            T result = work.run(tx, release);
            tx.finish();
            return result;
        });
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
                    backOff(attempt);
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

    private static void backOff(int attempt) {
        try {
            Thread.sleep((long) (10 * attempt + Math.random() * 20 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
    interface ReleaseWork<T> {
        T run(WriteTx tx, Release release) throws SQLException;
    }
}
