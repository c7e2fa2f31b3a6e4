package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

/** The demo, run from the packaged jar, holds every expectation it narrates. */
public class DemoIT {

    @Test
    public void theDemoPassesEveryExpectation() throws Exception {
        Path dir = Files.createTempDirectory("demo-it-");
        JarProcess demo = JarProcess.run(dir, Map.of(), "demo", "--dir", "ledger");
        assertEquals(demo.transcript(), 0, demo.exitCode());
        String out = demo.out();
        assertTrue(out, out.contains("demo passed: every expectation held"));
        assertTrue(out, out.contains("approved by bob"));
        assertTrue(out, out.contains("ROLLED_BACK"));
        assertTrue(out, out.contains("audit chain intact"));
        assertEquals(demo.transcript(), "", demo.err());

        // The ledger it left is an ordinary one: the same jar reads it.
        JarProcess history = JarProcess.run(dir, Map.of(), "history", "staging", "--home", "ledger", "--json");
        assertEquals(history.transcript(), 0, history.exitCode());
        assertTrue(history.out(), history.out().contains("\"state\":\"ROLLED_BACK\""));
    }
}
