package io.releaseledger.ledger;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Assume;
import org.junit.Test;

/**
 * The shared embedded store must not open a password-less database server to the network, and the ledger sets no
 * JVM-wide property to prevent it (H2 has no per-server bind address: only {@code h2.bindAddress}, read once). So it
 * is checked in fresh JVMs, as the CLI runs: one started with {@code -Dh2.bindAddress=127.0.0.1} (what the
 * {@code release-ledger} command gives itself) serves on loopback only; one without is refused the shared store and
 * listens nowhere.
 */
public class SharedEmbeddedStoreTest {

    /** Opens a shared embedded ledger and prints the local address of every socket this JVM listens on. */
    public static void main(String[] args) throws Exception {
        System.out.println("PROPERTY " + System.getProperty("h2.bindAddress"));
        try (Ledger ledger = Ledger.open(LedgerConfig.embeddedShared(Path.of(args[0])))) {
            ledger.environments();
            Process ss = new ProcessBuilder("ss", "-ltnpH").start();
            String pid = "pid=" + ProcessHandle.current().pid() + ",";
            new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains(pid))
                    .map(l -> l.trim().split("\\s+")[3])
                    .forEach(address -> System.out.println("LISTEN " + address));
            ss.waitFor();
        } catch (LedgerUnavailableException e) {
            System.out.println("REFUSED " + e.getMessage());
        }
        System.out.println("PROPERTY AFTER " + System.getProperty("h2.bindAddress"));
    }

    private static List<String> child(Path dir, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SharedEmbeddedStoreTest.class.getName(), dir.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        child.waitFor(1, TimeUnit.MINUTES);
        assertEquals(String.join("\n", lines), 0, child.exitValue());
        return lines;
    }

    @Test
    public void withH2BoundToLoopbackTheSharedStoreListensOnLoopbackOnly() throws Exception {
        Assume.assumeTrue("needs 'ss' (iproute2) to list listening sockets",
                Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")));
        List<String> lines = child(Files.createTempDirectory("ledger-shared-"), "-Dh2.bindAddress=127.0.0.1");
        List<String> listening = lines.stream().filter(l -> l.startsWith("LISTEN ")).map(l -> l.substring(7)).toList();
        assertFalse("the automatic server listens: " + lines, listening.isEmpty());
        for (String address : listening) {
            assertThat(address, containsString("127.0.0.1"));
        }
    }

    @Test
    public void withoutItTheSharedStoreIsRefusedAndTheLedgerSetsNoProperty() throws Exception {
        List<String> lines = child(Files.createTempDirectory("ledger-shared-"));
        String refused = lines.stream().filter(l -> l.startsWith("REFUSED ")).findFirst().orElse(null);
        assertTrue("refused, fail closed: " + lines, refused != null);
        assertThat(refused, containsString("-Dh2.bindAddress=127.0.0.1"));
        assertTrue("no server was started: " + lines, lines.stream().noneMatch(l -> l.startsWith("LISTEN ")));
        assertTrue("nothing set JVM-wide: " + lines, lines.contains("PROPERTY AFTER null"));
    }
}
