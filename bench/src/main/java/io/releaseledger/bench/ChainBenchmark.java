package io.releaseledger.bench;

import io.releaseledger.ledger.ChainVerification;
import io.releaseledger.ledger.Ledger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Verifying the whole audit chain of the seeded store, against merely reading the same rows with
 * plain JDBC: the difference is the hashing and the checks. Throughput is events / median time.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class ChainBenchmark {
    @Param({BenchStore.H2, BenchStore.POSTGRES})
    public String store;

    private BenchStore db;
    private Ledger ledger;
    private Connection raw;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = BenchStore.seeded(store);
        ledger = Ledger.open(db.config());
        raw = db.connect();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        raw.close();
        ledger.close();
        db.close();
    }

    @Benchmark
    public ChainVerification verifyChain() {
        ChainVerification v = ledger.verifyChain();
        if (!v.intact()) { // a broken chain would be measured stopping early
            throw new IllegalStateException("the seeded chain does not verify: " + v);
        }
        return v;
    }

    @Benchmark
    public long rawRead() throws SQLException {
        long n = 0;
        try (PreparedStatement q = raw.prepareStatement("SELECT seq, occurred_at, actor, origin, event_type,"
                + " environment, release_id, payload, prev_hash, hash FROM ledger_events ORDER BY seq")) {
            q.setFetchSize(1000);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    // Every column, as the verifier reads them.
                    n += rs.getLong(1) + rs.getLong(2) + rs.getLong(7);
                    for (int column : new int[] {3, 4, 5, 6, 8, 9, 10}) {
                        String text = rs.getString(column); // the environment is null for some events
                        n += text == null ? 0 : text.length();
                    }
                }
            }
        }
        raw.commit();
        return n;
    }
}
