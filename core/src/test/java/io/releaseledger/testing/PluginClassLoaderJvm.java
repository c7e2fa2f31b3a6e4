package io.releaseledger.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A fresh JVM laid out as Jenkins lays out a plugin: its class path — "Jenkins core" — holds only
 * {@link CoreLoaderLauncher} and what Jenkins core provides to plugins; every other entry of this JVM's class path
 * (core's classes, H2, PostgreSQL, HikariCP, Flyway, the plugin) is seen only by a plugin class loader, a child of
 * core's. The entry point runs there on a thread whose context class loader is core's.
 *
 * <p>Fresh, because {@code java.sql.DriverManager} keeps its drivers per JVM: it looks them up once, through the
 * context class loader of the first thread that asks, and any driver class loaded earlier registers itself. Only a
 * JVM in which nothing touched JDBC before shows what Jenkins shows.
 */
public final class PluginClassLoaderJvm {
    /** What Jenkins core provides to every plugin, of what is on a test class path: SLF4J. */
    public static final Predicate<Path> SLF4J = entry -> entry.getFileName().toString().startsWith("slf4j-");

    private PluginClassLoaderJvm() {}

    /**
     * Runs {@code entryPoint}'s {@code static void run(String[])} with {@code args} in such a JVM and returns what the
     * JVM printed. Fails unless it exited 0, and on any warning or error logged through SLF4J: what Jenkins' log would
     * show an administrator.
     *
     * @param providedByCore the class path entries that go to core's class loader (besides the launcher)
     */
    public static String run(Predicate<Path> providedByCore, String entryPoint, List<String> args)
            throws IOException, InterruptedException {
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
            (providedByCore.test(Path.of(entry)) ? core : plugin).add(entry);
        }
        assertTrue("SLF4J is on the test class path", core.stream().anyMatch(e -> SLF4J.test(Path.of(e))));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, core), CoreLoaderLauncher.class.getName(),
                String.join(File.pathSeparator, plugin), entryPoint));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("the JVM ended within 2 minutes:\n" + out, child.waitFor(2, TimeUnit.MINUTES));
        System.out.println(out);
        assertEquals("exit status; the JVM printed:\n" + out, 0, child.exitValue());
        assertFalse("a warning or error was logged:\n" + out, out.contains(" WARN ") || out.contains(" ERROR "));
        return out;
    }
}
