package io.releaseledger.cli;

import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.LedgerUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Pattern;

/**
 * Opens the ledger for a reading command while picocli parses the command line and the command reads its
 * configuration: these take about as long as opening H2, and a person waiting for {@code status} at 3 a.m. gets the
 * answer sooner (docs/performance.md, "The command-line tool"). It finds the ledger as the command will —
 * {@code --config}, {@code --home} and the environment, read from the raw arguments — and hands it over only if the
 * command arrives at the same store; anything else (a parse error, another store, a failure) is dropped, and the
 * command opens the ledger itself and reports what went wrong. It opens nothing that does not exist yet: reading never
 * writes.
 */
final class LedgerPrefetch {
    private LedgerPrefetch() {}

    /** The commands that read the ledger first thing and nothing else before it. */
    private static final Set<String> READERS = Set.of("status", "history", "show", "notes");

    /** A top-level {@code ledger:} key in release-ledger.yaml, however quoted; a flow mapping counts too. */
    private static final Pattern NAMES_A_STORE = Pattern.compile("^(\\{|[\"']?ledger[\"']?\\s*:).*");

    /** What the prefetch came to for {@code config}: the open ledger, or why the store could not be reached. */
    private record Opened(LedgerConfig config, Ledger ledger, LedgerUnavailableException unreachable) {}

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

    private static Opened open(String[] args, Launcher launcher) throws IOException {
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
        Path file = probe.configPath();
        LedgerConfig config;
        if (Files.isRegularFile(file) && namesAStore(Files.readAllLines(file))) {
            config = probe.ledgerConfig(); // the store the file names: read the file as the command will
        } else {
            // The embedded store, unless the file names another (then the command finds a different store and this
            // one is dropped): opened at once, while the command reads its file itself.
            if (!Files.exists(probe.home().resolve("ledger.mv.db"))) {
                return null;
            }
            config = Context.embedded(probe.home()).forReading();
        }
        try {
            config.password().read();
            // As the command would open it: a full disk's embedded store read-only (the command says so).
            return new Opened(config, Ledger.openForReading(config), null);
        } catch (LedgerUnavailableException e) {
            // The command would meet the same: it is told at once rather than waiting for the store a second time.
            return new Opened(config, null, e);
        }
    }

    private static boolean namesAStore(List<String> lines) {
        return lines.stream().anyMatch(line -> NAMES_A_STORE.matcher(line).matches());
    }

    /**
     * The ledger opened in advance for {@code config}, once it is open; empty when none was started, it is another
     * store, or it failed for another reason than the store (the caller opens it then, and reports any failure).
     *
     * @throws LedgerUnavailableException when that store could not be reached
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
            if (!opened.config().equals(config)) {
                if (opened.ledger() != null) {
                    opened.ledger().close();
                }
                return Optional.empty();
            }
            if (opened.unreachable() != null) {
                throw opened.unreachable();
            }
            return Optional.of(opened.ledger());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | RuntimeException failed) {
            if (failed instanceof LedgerUnavailableException unreachable) {
                throw unreachable;
            }
            return Optional.empty();
        }
    }
}
