package io.releaseledger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and prints the table of docs/performance.md: figure, ours, reference, ratio,
 * target, pass/fail. Sized for a 2-core machine; {@code bench/run.sh} builds the jar and calls this.
 *
 * <p>Usage: {@code java -jar benchmarks.jar DIGEST_FILE OUTPUT_DIR}. PostgreSQL rows run when the tests'
 * variables ({@code RELEASE_LEDGER_TEST_PG_URL}, …) are set.
 */
public final class BenchMain {
    private static final int DIGEST_ROUNDS = 7;
    private static final int CHAIN_EVENTS = 250_000;

    private final Path out;
    private final List<String> forkArgs = new ArrayList<>();
    private final Table table = new Table();

    private BenchMain(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -jar benchmarks.jar DIGEST_FILE OUTPUT_DIR (bench/run.sh does this)");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[1]));
        new BenchMain(out).run(Path.of(args[0]));
    }

    private void run(Path digestFile) throws Exception {
        List<String> kinds = new ArrayList<>(List.of(BenchStore.H2));
        if (BenchStore.postgresAvailable()) {
            kinds.add(BenchStore.POSTGRES);
        } else {
            table.note("PostgreSQL rows skipped: RELEASE_LEDGER_TEST_PG_URL is not set"
                    + " (eval \"$(bash .ci/postgres.sh)\" sets it).");
        }
        table.note(Machine.describe());

        progress("digest: FileDigest vs openssl on " + digestFile + ", " + DIGEST_ROUNDS + " alternating rounds");
        DigestRace.Result digest = DigestRace.run(digestFile, DIGEST_ROUNDS);
        table.row("SHA-256 of a 1 GiB file (MiB/s, higher is better)", fmt(digest.oursMiBs()),
                fmt(digest.opensslMiBs()) + " (openssl)", digest.ratio(), "ratio >= 0.90", digest.ratio() >= 0.90);

        Map<String, BenchStore> seeded = new HashMap<>();
        try {
            for (String kind : kinds) {
                progress(kind + ": seeding " + String.format("%,d", Seeder.TOTAL_RELEASES) + " releases");
                long t0 = System.nanoTime();
                BenchStore store = BenchStore.fresh(kind);
                seeded.put(kind, store);
                String what = Seeder.seed(store, CHAIN_EVENTS);
                progress(kind + ": seeded " + what + " in " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
            }
            if (seeded.get(BenchStore.H2) instanceof BenchStore.H2Store h2) {
                forkArgs.add("-D" + BenchStore.SEEDED_H2_DIR + "=" + h2.dir);
            }
            if (seeded.get(BenchStore.POSTGRES) instanceof BenchStore.PgStore pg) {
                forkArgs.add("-D" + BenchStore.SEEDED_PG_SCHEMA + "=" + pg.schema);
            }
            Map<String, Double> ledgerRelease = new HashMap<>(); // the engine row's reference
            for (String kind : kinds) {
                ledgerRelease.put(kind, transitions(kind));
                queries(kind);
                chain(kind);
            }
            engine(ledgerRelease.get(BenchStore.H2));
            masking();
            for (String kind : kinds) {
                heap(kind);
            }
        } finally {
            for (BenchStore store : seeded.values()) {
                store.close();
            }
        }
        table.note("Load average at the end: " + Machine.loadAverage());
        String markdown = table.markdown();
        Files.writeString(out.resolve("results.md"), markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
    }

    /** Ledger and raw JDBC alternate release by release in one JVM of their own (see {@link TransitionRace}). */
    private double transitions(String kind) throws IOException, InterruptedException {
        progress(kind + ": release transitions, ledger and raw JDBC turn about");
        String[] f = child("-Xmx1g", TransitionRace.class, kind);
        double o = Double.parseDouble(f[2]);
        double r = Double.parseDouble(f[3]);
        table.row(label(kind, "a release's 5 transitions, to LIVE (ms)"), ms(o), ms(r) + " (raw JDBC)", o / r,
                "ratio <= 2.0", o / r <= 2.0);
        return o;
    }

    private void queries(String kind) throws RunnerException {
        progress(kind + ": history and dashboard on the seeded store");
        double first = median(jmh(QueryBenchmark.class, "historyFirstPage", kind));
        double deep = median(jmh(QueryBenchmark.class, "historyDeepPage", kind));
        double dashboard = median(jmh(QueryBenchmark.class, "dashboard", kind));
        table.row(label(kind, "history, first page of 50, 1M releases (ms)"), ms(first), "", Double.NaN,
                "< 20 ms", first < 20);
        table.row(label(kind, "history, page 900,000 releases deep (ms)"), ms(deep), ms(first) + " (first page)",
                deep / first, "< 20 ms, ratio <= 2.0", deep < 20 && deep / first <= 2.0);
        table.row(label(kind, "dashboard, 50 environments (ms)"), ms(dashboard), "", Double.NaN, "< 20 ms",
                dashboard < 20);
    }

    private void chain(String kind) throws RunnerException {
        progress(kind + ": audit chain verification");
        long events = CHAIN_EVENTS + Seeder.ENVIRONMENTS + 100; // seeded events plus the API's definitions
        double verify = median(jmh(ChainBenchmark.class, "verifyChain", kind));
        double read = median(jmh(ChainBenchmark.class, "rawRead", kind));
        double ours = events / (verify / 1000);
        double theirs = events / (read / 1000);
        table.row(label(kind, String.format("audit chain verification, %,d events (events/s)", events)),
                fmt(ours), fmt(theirs) + " (raw read, no hashing)", ours / theirs, "reported", null);
    }

    private void engine(double ledgerRelease) throws RunnerException {
        progress("h2: engine deploy and verify");
        double e = median(jmh(EngineBenchmark.class, "deployAndVerify", null));
        table.row(label(BenchStore.H2, "engine: deploy + verify, no-op body, instant probe (ms)"), ms(e),
                ms(ledgerRelease) + " (its transitions alone)", e / ledgerRelease, "< 50 ms", e < 50);
    }

    private void masking() throws RunnerException {
        progress("masking a deploy log with three secrets in every form");
        double m = median(jmh(MaskingBenchmark.class, "maskFourMiB", null));
        table.row("masking a deploy log, 3 secrets in every form (MiB/s, higher is better)", fmt(4 / (m / 1000)), "",
                Double.NaN, "reported", null);
    }

    private void heap(String kind) throws IOException, InterruptedException {
        progress(kind + ": heap with the dashboard and history loaded, empty vs 1M releases");
        String[] f = child("-Xmx256m", HeapCheck.class, kind);
        double empty = Long.parseLong(f[2]) / 1048576.0;
        double seeded = Long.parseLong(f[3]) / 1048576.0;
        table.row(label(kind, "heap after dashboard + history, 1M releases (MiB)"), fmt(seeded),
                fmt(empty) + " (empty ledger)", seeded / empty,
                "<= empty + 5 MiB", seeded - empty <= 5.0);
    }

    /** Runs {@code main} in a JVM of its own and returns the fields of the last line it prints. */
    private String[] child(String heap, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", System.getProperty("java.class.path")));
        command.addAll(forkArgs);
        command.add(main.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " failed: " + output);
        }
        List<String> lines = output.lines().toList();
        return lines.get(lines.size() - 1).split(" ");
    }

    /** Runs one benchmark method in one fork and returns its results. */
    private Collection<RunResult> jmh(Class<?> benchmark, String method, String store) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\." + method + "$")
                .forks(1)
                .jvmArgsAppend(forkArgs.toArray(String[]::new))
                .output(out.resolve("jmh.log").toString() + "." + benchmark.getSimpleName() + "." + method
                        + (store == null ? "" : "." + store));
        if (store != null) {
            options.param("store", store);
        }
        if (benchmark == ChainBenchmark.class) {
            options.warmupIterations(1).measurementIterations(5); // single shots of a whole chain
        } else {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        return new Runner(options.build()).run();
    }

    /** The median of the one benchmark's samples (SampleTime) or single shots, in milliseconds. */
    private static double median(Collection<RunResult> results) {
        if (results.size() != 1) {
            throw new IllegalStateException("expected one benchmark result, got " + results.size());
        }
        return results.iterator().next().getPrimaryResult().getStatistics().getPercentile(50.0);
    }

    private static String label(String kind, String figure) {
        return (BenchStore.H2.equals(kind) ? "H2" : "PostgreSQL") + ": " + figure;
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 1000 ? "%,.0f" : "%.1f", v);
    }

    private static void progress(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }
}
