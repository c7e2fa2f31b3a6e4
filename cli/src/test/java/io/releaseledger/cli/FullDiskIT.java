package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;

/**
 * The embedded ledger on a disk that is full — a real one: a tmpfs of 6 MB, filled to the last byte. The person
 * responding can still read the ledger (status, history, show, notes, audit verify and export): it opens read-only,
 * with one warning line. Anything that would record fails closed with exit 6. Needs root to mount the tmpfs; skipped
 * (with the reason) elsewhere.
 */
public class FullDiskIT {
    private Path mount;
    private boolean mounted;

    @Before
    public void mountASmallFileSystem() throws Exception {
        mount = Files.createTempDirectory("full-disk-it-");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        mounted = p.waitFor() == 0;
        Assume.assumeTrue("cannot mount a tmpfs here (needs root): " + out.strip(), mounted);
    }

    @After
    public void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    public void aFullDiskLeavesTheLedgerReadableAndEveryChangeRefused() throws Exception {
        Files.writeString(mount.resolve("release-ledger.yaml"), "environments:\n  dev: {}\n");
        Files.writeString(mount.resolve("app.jar"), "app 1.0");
        assertEquals(0, JarProcess.run(mount, Map.of(), "register", "app", "1.0", "app.jar").exitCode());
        JarProcess deploy = JarProcess.run(mount, Map.of(), "deploy", "dev", "app", "1.0", "--", "true");
        assertEquals(deploy.transcript(), 0, deploy.exitCode());
        fill(mount.resolve("filler"));

        for (List<String> read : List.of(List.of("status"), List.of("history", "dev"), List.of("show", "1"),
                List.of("notes", "1"), List.of("audit", "verify"), List.of("audit", "export"))) {
            JarProcess p = JarProcess.run(mount, Map.of(), read.toArray(String[]::new));
            assertEquals(read + ": " + p.transcript(), ExitCode.OK, p.exitCode());
            assertEquals(read + ": " + p.transcript(), 1, p.err().lines().count());
            assertTrue(p.err(), p.err().startsWith("release-ledger: warning: the ledger jdbc:h2:file:"));
            assertTrue(p.err(), p.err().contains("could not be opened for writing (No space left on device), so it is"
                    + " open read-only"));
            if (read.get(0).equals("status")) {
                assertTrue(p.out(), p.out().contains("app 1.0 #1"));
            } else if (read.equals(List.of("audit", "verify"))) {
                assertTrue(p.out(), p.out().contains("audit chain intact"));
            }
        }

        JarProcess refused = JarProcess.run(mount, Map.of(), "deploy", "dev", "app", "1.0", "--", "touch", "deployed");
        assertEquals(refused.transcript(), ExitCode.LEDGER_UNAVAILABLE, refused.exitCode());
        assertTrue(refused.err(), refused.err().contains("The database is read only"));
        assertTrue("nothing deployed unrecorded", Files.notExists(mount.resolve("deployed")));

        Files.delete(mount.resolve("filler")); // space again: the ledger is written as before
        JarProcess again = JarProcess.run(mount, Map.of(), "deploy", "dev", "app", "1.0", "--", "true");
        assertEquals(again.transcript(), 0, again.exitCode());
        assertTrue(again.transcript(), again.err().isEmpty());
    }

    /** Writes until the file system has no byte left. */
    private static void fill(Path file) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertTrue(full.getMessage(), String.valueOf(full.getMessage()).contains("No space left on device"));
        }
        try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 64 * 1024; i++) {
                out.write(0); // the last partial chunk's worth
                out.flush();
            }
        } catch (IOException full) {
            // the last byte is taken
        }
    }
}
