package io.releaseledger.ledger;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Assume;
import org.junit.Test;

/**
 * The shared embedded store must not open a password-less database server to the network. Checked
 * in a fresh JVM, as the CLI runs: H2 reads its bind address once, when it is first used.
 */
public class SharedEmbeddedStoreTest {

    /** Opens a shared embedded ledger and prints the local address of every socket this JVM listens on. */
    public static void main(String[] args) throws Exception {
        try (Ledger ledger = Ledger.open(LedgerConfig.embeddedShared(Path.of(args[0])))) {
            ledger.environments();
            Process ss = new ProcessBuilder("ss", "-ltnpH").start();
            String pid = "pid=" + ProcessHandle.current().pid() + ",";
            new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains(pid))
                    .map(l -> l.trim().split("\\s+")[3])
                    .forEach(address -> System.out.println("LISTEN " + address));
            ss.waitFor();
        }
    }

    @Test
    public void sharedEmbeddedStoreListensOnLoopbackOnly() throws Exception {
        Assume.assumeTrue("needs 'ss' (iproute2) to list listening sockets",
                Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")));
        Path dir = Files.createTempDirectory("ledger-shared-");
        Process child = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator
                + "java", "-cp", System.getProperty("java.class.path"), SharedEmbeddedStoreTest.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        List<String> listening = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("LISTEN ")).map(l -> l.substring(7)).toList();
        child.waitFor(1, TimeUnit.MINUTES);
        assertEquals(0, child.exitValue());
        assertFalse("the automatic server listens", listening.isEmpty());
        for (String address : listening) {
            assertThat(address, containsString("127.0.0.1"));
        }
    }
}
