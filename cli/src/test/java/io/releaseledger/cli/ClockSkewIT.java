package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Assume;
import org.junit.Test;

/**
 * A machine whose clock is two minutes off the ledger database's says so at start, on standard error, and works
 * on: the ledger keeps time by the database. {@code serve} (on time) serves the embedded ledger's file, so the
 * commands run under faketime use its clock as the database's.
 */
public class ClockSkewIT {

    @Test
    public void aClockTwoMinutesAheadOfTheLedgersIsOneWarningLineOnStandardError() throws Exception {
        Path faketime = Path.of("/usr/bin/faketime");
        Assume.assumeTrue("needs Debian's faketime (apt-get install faketime)", Files.isExecutable(faketime));
        Path dir = Files.createTempDirectory("clock-skew-it-");
        // serve only reads a ledger that exists: record something first (reading never creates one).
        Files.writeString(dir.resolve("release-ledger.yaml"), "environments:\n  dev: {}\n");
        Files.writeString(dir.resolve("app.jar"), "app 1.0");
        JarProcess register = JarProcess.run(dir, Map.of(), "register", "app", "1.0", "app.jar");
        assertEquals(register.transcript(), ExitCode.OK, register.exitCode());
        try (JarProcess serve = JarProcess.start(dir, Map.of(), "serve", "--port", "0")) {
            serve.awaitOutput("serving the release ledger console at");
            JarProcess ahead = JarProcess.start(List.of(faketime.toString(), "-f", "+120s"), dir, Map.of(),
                    "status", "--json");
            assertEquals(ahead.transcript(), ExitCode.OK, ahead.waitFor());
            List<String> warnings = ahead.err().lines().filter(l -> l.startsWith("release-ledger: warning:")).toList();
            assertEquals(ahead.transcript(), 1, warnings.size());
            assertTrue(warnings.get(0), warnings.get(0).matches("release-ledger: warning: this machine's clock is"
                    + " 1[12][0-9]\\.[0-9] s ahead of the ledger database's \\(jdbc:h2:file:.*\\); .*fix the clock.*"));
            assertTrue("standard output stays the JSON document: " + ahead.out(), ahead.out().startsWith("{"));

            JarProcess onTime = JarProcess.run(dir, Map.of(), "status");
            assertEquals(onTime.transcript(), ExitCode.OK, onTime.exitCode());
            assertFalse(onTime.transcript(), onTime.transcript().contains("warning"));
        }
    }
}
