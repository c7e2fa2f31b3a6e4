package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Two deploys to one environment from two processes: the second waits for the first's lease, says
 * so, and deploys after it. Ordering is enforced with files, never with sleeps.
 */
public class ConcurrentDeployIT {

    @Test
    public void theSecondDeployWaitsForTheFirstAndSaysForWhom() throws Exception {
        Path dir = Files.createTempDirectory("concurrent-it-");
        Files.writeString(dir.resolve("release-ledger.yaml"), "environments:\n  staging: {}\n");
        Files.writeString(dir.resolve("app.jar"), "the app");
        JarProcess register = JarProcess.run(dir, Map.of(), "register", "app", "1.0", "app.jar");
        assertEquals(register.transcript(), 0, register.exitCode());

        // A holds the lease until the test creates release-a.
        try (JarProcess a = JarProcess.start(dir, Map.of(), "deploy", "staging", "app", "1.0", "--as", "alice", "--",
                "sh", "-c", "touch a-started; while [ ! -f release-a ]; do sleep 0.1; done; echo A deployed")) {
            awaitFile(dir.resolve("a-started"), a);
            try (JarProcess b = JarProcess.start(dir, Map.of(), "deploy", "staging", "app", "1.0", "--as", "bob", "--",
                    "sh", "-c", "touch b-ran; echo B deployed")) {
                b.awaitOutput("waiting for staging: held by alice@");
                assertTrue("B must not deploy while A holds the lease", !Files.exists(dir.resolve("b-ran")));
                Files.writeString(dir.resolve("release-a"), "");
                assertEquals(a.transcript(), 0, a.exitCode());
                assertEquals(b.transcript(), 0, b.exitCode());
                assertTrue(b.out(), b.out().contains("B deployed"));
                assertTrue(a.out(), a.out().contains("A deployed"));
            }
        }
        JarProcess history = JarProcess.run(dir, Map.of(), "history", "staging", "--json");
        assertEquals(history.transcript(), 0, history.exitCode());
        // Newest first: B's release went live after A's, which it superseded.
        assertTrue(history.out(), history.out().matches("(?s).*\"id\":2,.*\"initiator\":\"bob\".*\"state\":\"LIVE\".*"
                + "\"id\":1,.*\"initiator\":\"alice\".*\"state\":\"SUPERSEDED\".*"));
        JarProcess audit = JarProcess.run(dir, Map.of(), "audit", "verify");
        assertEquals(audit.transcript(), 0, audit.exitCode());
        for (String line : List.of(history.err(), audit.err())) {
            assertEquals("", line);
        }
    }

    /** Waits until the deploy command of {@code owner} has created {@code file}. */
    private static void awaitFile(Path file, JarProcess owner) throws InterruptedException {
        while (!Files.exists(file)) {
            if (!owner.alive()) {
                org.junit.Assert.fail("the first deploy ended before its command ran:\n" + owner.transcript());
            }
            Thread.sleep(50);
        }
    }
}
