package io.releaseledger.engine;

import static org.junit.Assert.assertTrue;

import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.PasswordSource;
import io.releaseledger.testing.TestStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Where the tests that kill an {@link EngineChildProcess} start, once per store (H2, and the PostgreSQL of
 * {@code RELEASE_LEDGER_TEST_PG_*}): a ledger both JVMs share, with {@code staging} defined and payments-api 1.0.0
 * registered, and {@link #startChild} to run the child's deploy on it.
 */
@RunWith(Parameterized.class)
public abstract class ChildEngineOnBothStores {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> stores() {
        return List.of(new Object[] {"h2", (Supplier<TestStore>) TestStore::h2},
                new Object[] {"postgres", (Supplier<TestStore>) TestStore::postgres});
    }

    private final Supplier<TestStore> stores;
    private TestStore store;
    /** The ledger as the child opens it (a server both JVMs reach). */
    LedgerConfig shared;
    Ledger ledger;

    ChildEngineOnBothStores(Supplier<TestStore> stores) {
        this.stores = stores;
    }

    @Before
    public void openSharedLedger() {
        store = stores.get();
        shared = store.sharedConfig();
        ledger = Ledger.open(shared);
        ledger.defineEnvironment("staging", 1, EngineChildProcess.ACTOR);
        ledger.registerArtifact(EngineFixture.registration("1.0.0"), EngineChildProcess.ACTOR);
    }

    @After
    public void closeLedgerAndStore() throws Exception {
        if (ledger != null) {
            ledger.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /**
     * Starts {@link EngineChildProcess} on {@link #shared}: its stdout read line by line, its stderr kept in a file.
     *
     * @param mode the health URL its verification probes, or {@code block-body}
     */
    ChildEngine startChild(String mode) throws IOException {
        Path log = Files.createTempFile("engine-child", ".log");
        Process process = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator
                + "java", "-Dh2.bindAddress=127.0.0.1", "-cp", System.getProperty("java.class.path"),
                EngineChildProcess.class.getName(), shared.jdbcUrl(), shared.user() == null ? "-" : shared.user(),
                shared.password() instanceof PasswordSource.FromEnvironment env ? env.variable() : "-", mode)
                .redirectError(log.toFile()).start();
        return new ChildEngine(process, log);
    }

    /** The child JVM; closing it kills it if it still runs. */
    static final class ChildEngine implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final BufferedReader lines;

        private ChildEngine(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** The first line of its stdout from here on that {@code wanted} accepts; {@code null} when it ended first. */
        String awaitLine(Predicate<String> wanted) throws IOException {
            for (String line; (line = lines.readLine()) != null; ) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            return null;
        }

        /** What it wrote to stderr so far. */
        String log() throws IOException {
            return Files.readString(log);
        }

        long pid() {
            return process.pid();
        }

        /** SIGKILL: it can give nothing back. Returns once it is gone. */
        void kill() throws InterruptedException {
            process.toHandle().destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            lines.close();
        }
    }
}
