package io.releaseledger.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A release's transitions through the ledger against the same rows in raw JDBC, one release of each
 * turn and turn about (which goes first alternating too), each in a store of its own in the same
 * database. On a shared, noisy machine a burst of other work then hits both sides alike; whole
 * benchmark runs one after the other (JMH's forks) gave ratios from 0.6 to 2.9 on the same code.
 * {@link BenchMain} runs it in a JVM of its own; it prints {@code transitions KIND LEDGER_MS RAW_MS}.
 */
public final class TransitionRace {
    private static final int WARMUP = 300;
    private static final int SAMPLES = 800;

    private TransitionRace() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        try (ReleaseWriter ledger = new ReleaseWriter.ThroughLedger(kind);
             ReleaseWriter raw = new ReleaseWriter.RawJdbc(kind)) {
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (int i = 0; i < WARMUP + SAMPLES; i++) {
                boolean ledgerFirst = i % 2 == 0;
                double a = time(ledgerFirst ? ledger : raw);
                double b = time(ledgerFirst ? raw : ledger);
                if (i >= WARMUP) { // the first ones also compile the code paths: not measured
                    ours.add(ledgerFirst ? a : b);
                    theirs.add(ledgerFirst ? b : a);
                }
            }
            System.out.println("transitions " + kind + " " + Stats.median(ours) + " " + Stats.median(theirs));
        }
    }

    private static double time(ReleaseWriter writer) throws Exception {
        long t0 = System.nanoTime();
        writer.release();
        return (System.nanoTime() - t0) / 1e6;
    }
}
