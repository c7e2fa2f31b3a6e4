package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

/**
 * Reading commands in a folder where nothing was recorded answer from nothing and leave the folder as it was: no
 * {@code .release-ledger} appears (opening the embedded store would create it).
 */
public class ReadingNeverWritesIT {

    @Test
    public void readingAnEmptyFolderCreatesNoLedger() throws Exception {
        Path dir = Files.createTempDirectory("reading-never-writes-it-");
        Files.writeString(dir.resolve("release-ledger.yaml"), "environments:\n  staging: {}\n");

        JarProcess status = JarProcess.run(dir, Map.of(), "status");
        assertEquals(status.transcript(), 0, status.exitCode());
        assertTrue(status.out(), status.out().contains("staging          (nothing live)"));
        assertTrue(status.out(), status.out().contains("nothing has been recorded yet: there is no ledger at "));
        JarProcess history = JarProcess.run(dir, Map.of(), "history", "staging");
        assertEquals(history.transcript(), 0, history.exitCode());
        assertTrue(history.out(), history.out().contains("no releases in staging"));
        JarProcess show = JarProcess.run(dir, Map.of(), "show", "1");
        assertEquals(show.transcript(), ExitCode.BAD_INPUT, show.exitCode());
        assertTrue(show.err(), show.err().contains("there is no such release: nothing has been recorded yet"));
        assertEquals(ExitCode.BAD_INPUT, JarProcess.run(dir, Map.of(), "notes", "1").exitCode());
        assertEquals(ExitCode.BAD_INPUT, JarProcess.run(dir, Map.of(), "approve", "1", "--as", "bob").exitCode());
        JarProcess verify = JarProcess.run(dir, Map.of(), "audit", "verify");
        assertEquals(verify.transcript(), 0, verify.exitCode());
        assertTrue(verify.out(), verify.out().contains("audit chain intact: 0 events verified"));
        JarProcess export = JarProcess.run(dir, Map.of(), "audit", "export");
        assertEquals(export.transcript(), 0, export.exitCode());
        assertEquals("", export.out());
        JarProcess serve = JarProcess.run(dir, Map.of(), "serve", "--port", "0");
        assertEquals(serve.transcript(), ExitCode.BAD_INPUT, serve.exitCode());

        assertFalse("reading must not create the ledger", Files.exists(dir.resolve(".release-ledger")));
    }
}
