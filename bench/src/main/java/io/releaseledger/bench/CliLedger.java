package io.releaseledger.bench;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.Path;

/**
 * Seeds an embedded ledger for timing the command-line tool (bench/cli.sh): the benchmarks' million releases in
 * {@code production}, in {@code DIR/ledger.mv.db}, where {@code release-ledger --home DIR} finds it.
 */
public final class CliLedger {
    private CliLedger() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp benchmarks.jar io.releaseledger.bench.CliLedger DIR (bench/cli.sh does this)");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        try (BenchStore store = new BenchStore.H2Store(dir, false)) {
            System.out.println(Seeder.seed(store, 250_150));
            // As a long-lived store keeps it: H2 compacts a file in the background while it is open (Jenkins) and
            // when it is closed. Bulk seeding leaves it in hundreds of half-empty chunks a real ledger never has.
            try (Connection c = store.connect(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
        }
    }
}
