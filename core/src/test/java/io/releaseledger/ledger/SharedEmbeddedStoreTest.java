package io.releaseledger.ledger;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Assume;
import org.junit.Test;

/** The shared embedded store must not open a password-less database server to the network. */
public class SharedEmbeddedStoreTest {

    @Test
    public void sharedEmbeddedStoreListensOnLoopbackOnly() throws Exception {
        Assume.assumeTrue("needs 'ss' (iproute2) to list listening sockets", Files.isExecutable(Path.of("/usr/bin/ss"))
                || Files.isExecutable(Path.of("/bin/ss")));
        Path dir = Files.createTempDirectory("ledger-shared-");
        try (Ledger ledger = Ledger.open(LedgerConfig.embeddedShared(dir))) {
            ledger.environments();
            Process ss = new ProcessBuilder("ss", "-ltnpH").start();
            String pid = "pid=" + ProcessHandle.current().pid() + ",";
            // Local address of each socket this JVM listens on (fourth column of ss -ltnpH).
            java.util.List<String> local = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().filter(l -> l.contains(pid)).map(l -> l.trim().split("\\s+")[3]).toList();
            ss.waitFor();
            assertFalse("the automatic server listens", local.isEmpty());
            for (String address : local) {
                assertThat(address, containsString("127.0.0.1"));
            }
            assertTrue(Files.exists(dir.resolve("ledger.lock.db")));
        }
    }
}
