package io.releaseledger.bench;

import io.releaseledger.ledger.EnvironmentStatus;
import io.releaseledger.ledger.HistoryPage;
import io.releaseledger.ledger.Ledger;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap in use, after a full GC, with the dashboard and history pages loaded: first from an empty
 * ledger, then — in the same JVM, the empty one closed — from the seeded one. The difference is what
 * history costs in memory. {@link BenchMain} runs it in a JVM of its own with a small heap, so a query
 * that read a whole table would fail outright instead of hiding in a large one.
 */
public final class HeapCheck {
    private HeapCheck() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        long empty;
        try (BenchStore store = BenchStore.fresh(kind); Ledger ledger = Ledger.open(store.config())) {
            ledger.defineEnvironment(Seeder.PRODUCTION, 0, Seeder.SEEDER);
            load(ledger); // once to load the classes, so that both measurements see the same code loaded
            List<Object> held = load(ledger);
            empty = usedAfterGc();
            held.clear();
        }
        long seeded;
        try (BenchStore store = BenchStore.seeded(kind); Ledger ledger = Ledger.open(store.config())) {
            List<Object> held = load(ledger);
            seeded = usedAfterGc();
            held.clear();
        }
        System.out.println("heap " + kind + " " + empty + " " + seeded);
    }

    /** What a person opening the UI loads; kept referenced while the heap is measured. */
    private static List<Object> load(Ledger ledger) {
        List<Object> held = new ArrayList<>();
        List<EnvironmentStatus> dashboard = ledger.dashboard();
        held.add(dashboard);
        HistoryPage first = ledger.history(Seeder.PRODUCTION, null, QueryBenchmark.PAGE);
        held.add(first);
        held.add(ledger.history(Seeder.PRODUCTION, QueryBenchmark.DEEP, QueryBenchmark.PAGE));
        if (first.nextBefore() != null) {
            held.add(ledger.history(Seeder.PRODUCTION, first.nextBefore(), QueryBenchmark.PAGE));
        }
        return held;
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        // Several rounds: the lowest reading is the live set, free of garbage a concurrent phase left behind.
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
