package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;

/** A configured PostgreSQL ledger that cannot be reached fails closed with exit 6, never showing the password. */
public class LedgerUnavailableIT {
    private Path dir;

    @Before
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("ledger-unavailable-it-");
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        Files.writeString(dir.resolve("release-ledger.yaml"), String.join("\n",
                "ledger:",
                "  url: jdbc:postgresql://127.0.0.1:1/release_ledger",
                "  user: release_ledger",
                "  passwordEnv: RL_TEST_DB_PASSWORD",
                "environments:",
                "  dev: {}",
                ""));
    }

    @Test
    public void anUnreachableStoreIsExit6() throws Exception {
        JarProcess p = JarProcess.run(dir, Map.of("RL_TEST_DB_PASSWORD", "s3cret-db-pass"), "status");
        assertEquals(p.transcript(), ExitCode.LEDGER_UNAVAILABLE, p.exitCode());
        assertEquals(p.transcript(), 1, p.err().lines().count());
        assertTrue(p.err(), p.err().contains("jdbc:postgresql://127.0.0.1:1/release_ledger"));
        assertFalse(p.err(), p.err().contains("s3cret-db-pass"));
    }

    @Test
    public void aMissingPasswordVariableIsBadInput() throws Exception {
        JarProcess p = JarProcess.run(dir, Map.of(), "status");
        assertEquals(p.transcript(), ExitCode.BAD_INPUT, p.exitCode());
        assertTrue(p.err(), p.err().contains("RL_TEST_DB_PASSWORD"));
    }
}
