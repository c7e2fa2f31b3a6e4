package io.releaseledger.cli;

import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Opens the ledger for a reading command while picocli parses the command line: the two take about as long, and a
 * person waiting for {@code status} at 3 a.m. gets the answer sooner (docs/performance.md, "The command-line tool").
 * It finds the ledger as the command will — {@code --config}, {@code --home} and the environment, read from the raw
 * arguments — and hands it over only if the parsed command arrives at the same store; anything else (a parse error,
 * another store, a failure) is dropped, and the command opens the ledger itself and reports what went wrong.
 * Opening writes nothing: an embedded store that does not exist yet is not opened at all.
 */
final class LedgerPrefetch {
    private LedgerPrefetch() {}

    /** The commands that read the ledger first thing and nothing else before it. */
    private static final Set<String> READERS = Set.of("status", "history", "show", "notes");

    private record Opened(LedgerConfig config, Ledger ledger) {}

    private static volatile FutureTask<Opened> pending;

    /** Starts opening the ledger {@code args} would read, if they name a reading command. */
    static void start(String[] args, Launcher launcher) {
        if (args.length == 0 || !READERS.contains(args[0])) {
            return;
        }
        FutureTask<Opened> task = new FutureTask<>(() -> open(args, launcher));
        Thread t = new Thread(task, "release-ledger-open-ledger");
        t.setDaemon(true);
        pending = task;
        t.start();
    }

    private static Opened open(String[] args, Launcher launcher) {
        CommonOptions options = new CommonOptions();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            String value = a.startsWith("--config=") || a.startsWith("--home=") ? a.substring(a.indexOf('=') + 1)
                    : (a.equals("--config") || a.equals("--home")) && i + 1 < args.length ? args[++i] : null;
            if (value != null && a.startsWith("--config")) {
                options.config = Path.of(value);
            } else if (value != null) {
                options.home = Path.of(value);
            }
        }
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        Context probe = new Context(options, new Launcher(launcher.environment(), launcher.workingDirectory(), silent,
                silent, false), true);
        Optional<Ledger> ledger = probe.existingLedger();
        return ledger.map(l -> new Opened(probe.ledgerConfig(), l)).orElse(null);
    }

    /**
     * The ledger opened in advance for {@code config}, once it is open; empty when none was started, it is another
     * store, or it failed (the caller opens it then, and reports any failure).
     */
    static Optional<Ledger> take(LedgerConfig config) {
        FutureTask<Opened> task = pending;
        pending = null;
        if (task == null) {
            return Optional.empty();
        }
        try {
            Opened opened = task.get();
            if (opened == null) {
                return Optional.empty();
            }
            if (opened.config().equals(config)) {
                return Optional.of(opened.ledger());
            }
            opened.ledger().close();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | RuntimeException failed) {
            return Optional.empty();
        }
    }
}
