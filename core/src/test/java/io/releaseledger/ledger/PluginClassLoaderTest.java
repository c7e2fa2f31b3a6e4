package io.releaseledger.ledger;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.releaseledger.testing.TestStore;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The ledger opens as it must in Jenkins: from a plugin's class loader (a child of core's, which cannot see the
 * plugin's libraries), on a thread whose context class loader is core's — the init reactor's, {@code jenkins.util.Timer}'s
 * and {@code Computer.threadPoolForRemoting}'s threads all have it. Nothing on the way may find a class or a service
 * through the context class loader, or count on {@code java.sql.DriverManager} having registered the drivers.
 *
 * <p>Each case runs in a fresh JVM: {@code DriverManager} looks for drivers once per JVM, through the context class
 * loader of whichever thread asks first, and a driver class loaded by any earlier test registers itself. Only a JVM
 * in which nothing has touched JDBC yet shows what Jenkins shows.
 */
public class PluginClassLoaderTest {

    @Test
    public void embeddedLedgerOpensFromAPluginClassLoaderWhoseDriversTheContextLoaderCannotSee() throws Exception {
        Path dir = Files.createTempDirectory("ledger-h2-");
        try {
            String out = openInFreshJvm(List.of("h2", dir.toString()));
            assertThat(out, containsString("OPENED jdbc:h2:file:"));
            assertThat(out, containsString("[staging] chain true"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void postgresLedgerOpensFromAPluginClassLoaderWhoseDriversTheContextLoaderCannotSee() throws Exception {
        try (TestStore store = TestStore.postgres()) {
            LedgerConfig config = store.config();
            String out = openInFreshJvm(List.of("postgres", config.jdbcUrl(), config.user(), TestStore.PG_PASSWORD));
            assertThat(out, containsString("OPENED jdbc:postgresql:"));
            assertThat(out, containsString("[staging] chain true"));
        }
    }

    /**
     * Runs {@link CoreLoaderLauncher} in a new JVM whose class path is that class and SLF4J (what Jenkins core
     * provides); every other entry of this JVM's class path — core's classes, H2, PostgreSQL, HikariCP, Flyway — goes
     * to the plugin's class loader only. Returns what the JVM printed; fails unless it exited 0.
     */
    private static String openInFreshJvm(List<String> args) throws IOException, InterruptedException {
        Path launcher = Files.createTempDirectory("core-loader-");
        String name = CoreLoaderLauncher.class.getName().replace('.', '/') + ".class";
        try (InputStream in = CoreLoaderLauncher.class.getClassLoader().getResourceAsStream(name)) {
            Path target = launcher.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
        }
        List<String> core = new ArrayList<>(List.of(launcher.toString()));
        List<String> plugin = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            (Path.of(entry).getFileName().toString().startsWith("slf4j-") ? core : plugin).add(entry);
        }
        assertTrue("SLF4J is on the test class path", core.size() > 1);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, core), CoreLoaderLauncher.class.getName(),
                String.join(File.pathSeparator, plugin)));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("the JVM ended within 2 minutes:\n" + out, child.waitFor(2, TimeUnit.MINUTES));
        assertEquals("exit status; the JVM printed:\n" + out, 0, child.exitValue());
        System.out.println(out);
        // What Jenkins' log would show an administrator: opening the ledger warns about nothing.
        assertFalse("a warning or error while opening the ledger:\n" + out, out.contains(" WARN ") || out.contains(" ERROR "));
        return out;
    }
}
