package io.releaseledger.bench;

import io.releaseledger.ledger.EnvironmentStatus;
import io.releaseledger.ledger.HistoryPage;
import io.releaseledger.ledger.Ledger;
import java.util.List;
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
 * The read side on ten years of history (the store {@link Seeder} filled): the pages and the dashboard
 * a person opens, each through the ledger's public API.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class QueryBenchmark {
    /** What the web UI and the CLI ask for. */
    static final int PAGE = 50;
    /** The deep page starts 900,000 releases back: nine years into the past. */
    static final long DEEP = Seeder.TOTAL_RELEASES / 10;

    @Param({BenchStore.H2, BenchStore.POSTGRES})
    public String store;

    private BenchStore db;
    private Ledger ledger;

    @Setup(Level.Trial)
    public void open() {
        db = BenchStore.seeded(store);
        ledger = Ledger.open(db.config());
    }

    @TearDown(Level.Trial)
    public void close() {
        ledger.close();
        db.close();
    }

    @Benchmark
    public HistoryPage historyFirstPage() {
        return ledger.history(Seeder.PRODUCTION, null, PAGE);
    }

    @Benchmark
    public HistoryPage historyDeepPage() {
        return ledger.history(Seeder.PRODUCTION, DEEP, PAGE);
    }

    @Benchmark
    public List<EnvironmentStatus> dashboard() {
        return ledger.dashboard();
    }
}
