package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * The checkout's {@code release-ledger} launcher, run in a copy of the checkout's layout whose {@code mvnw} stands in
 * for Maven (it prints Maven's module lines and puts the packaged jar in place): it builds when the jar is missing,
 * shows each module, does not build again while nothing changed, rebuilds once a source is newer than the jar, and
 * works through a symbolic link on PATH.
 */
public class LauncherIT {
    private Path checkout;
    private Path calls;

    @Before
    public void setUp() throws Exception {
        checkout = Files.createTempDirectory("launcher-it-");
        Files.copy(Path.of(System.getProperty("release-ledger.launcher")), checkout.resolve("release-ledger"));
        calls = checkout.resolve("mvnw.calls");
        Files.writeString(checkout.resolve("mvnw"), String.join("\n",
                "#!/bin/sh",
                "echo \"$@\" >> mvnw.calls",
                "echo '[INFO] Building Release Ledger core 0.1.0-SNAPSHOT                            [1/3]'",
                "echo '[INFO] Building Release Ledger command-line tool 0.1.0-SNAPSHOT               [3/3]'",
                "mkdir -p cli/target && cp '" + JarProcess.jar() + "' cli/target/release-ledger.jar",
                "echo '[INFO] BUILD SUCCESS'",
                ""));
        for (String file : List.of("release-ledger", "mvnw")) {
            Files.setPosixFilePermissions(checkout.resolve(file), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        for (String module : List.of("core", "web", "cli")) {
            Files.createDirectories(checkout.resolve(module).resolve("src/main/java"));
            Files.writeString(checkout.resolve(module).resolve("pom.xml"), "<project/>");
        }
        Files.writeString(checkout.resolve("core/src/main/java/Engine.java"), "class Engine {}");
        // Sources from a while ago: the jar the stand-in puts in place is newer.
        Files.walk(checkout).forEach(p -> setTime(p, Instant.now().minusSeconds(3600)));
    }

    private static void setTime(Path p, Instant t) {
        try {
            Files.setLastModifiedTime(p, FileTime.from(t));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String[] run(Path launcher) throws Exception {
        return run(launcher, java.util.Map.of("RELEASE_LEDGER_CDS", "off"));
    }

    private String[] run(Path launcher, java.util.Map<String, String> environment) throws Exception {
        ProcessBuilder b = new ProcessBuilder("bash", "-c", "exec \"$0\" --version", launcher.toString());
        b.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        b.environment().putAll(environment);
        b.directory(Files.createTempDirectory("launcher-it-cwd-").toFile());
        Process p = b.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("the launcher finished", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(out + err, 0, p.exitValue());
        return new String[] {out, err};
    }

    private long builds() throws Exception {
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }

    @Test
    public void buildsWhenMissingShowingEachModuleAndAgainOnlyWhenSourcesAreNewer() throws Exception {
        Path launcher = checkout.resolve("release-ledger");
        String[] first = run(launcher);
        assertEquals(1, builds());
        assertTrue(first[1], first[1].contains("release-ledger: building " + checkout.resolve("cli/target/release-ledger.jar")));
        assertTrue(first[1], first[1].contains("release-ledger:   [1/3] Release Ledger core\n"));
        assertTrue(first[1], first[1].contains("release-ledger:   [3/3] Release Ledger command-line tool\n"));
        assertTrue(first[0], first[0].startsWith("release-ledger "));
        assertTrue(Files.readString(calls).contains("-pl cli -am package"));

        String[] second = run(launcher);
        assertEquals("nothing changed: no build", 1, builds());
        assertEquals("", second[1]);

        setTime(checkout.resolve("core/src/main/java/Engine.java"), Files.getLastModifiedTime(
                checkout.resolve("cli/target/release-ledger.jar")).toInstant().plusMillis(10)); // edited after the build
        String[] third = run(launcher);
        assertEquals("a newer source: built again", 2, builds());
        assertTrue(third[1], third[1].contains("the sources changed since"));

        Path bin = Files.createTempDirectory("launcher-it-bin-");
        Files.createSymbolicLink(bin.resolve("release-ledger"), launcher);
        String[] linked = run(bin.resolve("release-ledger"));
        assertTrue(linked[0], linked[0].startsWith("release-ledger "));
        assertEquals("found the checkout through the link; nothing to build", 2, builds());
        assertFalse(Files.exists(bin.resolve("cli")));
    }

    @Test
    public void archivesTheClassesOfARunInTheBackgroundAndLaterRunsMapThem() throws Exception {
        Path launcher = checkout.resolve("release-ledger");
        run(launcher, java.util.Map.of()); // builds, answers, and starts archiving the classes in the background
        Path archive = checkout.resolve("cli/target/release-ledger.jsa");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!Files.exists(archive) || Files.exists(checkout.resolve("cli/target/release-ledger.jsa.lock"))) {
            assertTrue("the class-data archive was never written", System.nanoTime() < deadline);
            Thread.sleep(200);
        }
        Path loaded = Files.createTempFile("launcher-it-classes-", ".txt");
        String[] mapped = run(launcher, java.util.Map.of("RELEASE_LEDGER_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded));
        assertTrue(mapped[0], mapped[0].startsWith("release-ledger "));
        assertTrue("the tool's own classes come from the archive",
                Files.readString(loaded).contains("io.releaseledger.cli.ReleaseLedgerCli source: shared objects file (top)"));
    }
}
