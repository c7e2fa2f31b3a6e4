package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Assume;
import org.junit.Test;

/**
 * README's {@code eval "$(bash .ci/postgres.sh)"} run by a user who is not root, on a machine without sudo (a
 * container): the script says why it cannot start PostgreSQL and the eval fails, instead of going on with nothing
 * set. Runs where the test itself is root and can become {@code nobody}.
 */
public class PostgresScriptIT {

    @Test
    public void withoutRootOrSudoTheEvalFailsAndSaysWhy() throws Exception {
        Path script = Path.of(System.getProperty("release-ledger.launcher")).resolveSibling(".ci/postgres.sh");
        Assume.assumeTrue("runs as root, to become a user without root", "root".equals(System.getProperty("user.name")));
        Assume.assumeTrue("needs a machine without sudo", !Files.exists(Path.of("/usr/bin/sudo")));
        Path copy = Files.createTempFile("postgres-", ".sh");
        Files.copy(script, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().setReadable(true, false);
        Process p = new ProcessBuilder("su", "-s", "/bin/bash", "nobody", "-c",
                "cd /tmp && eval \"$(bash " + copy + ")\"; echo \"eval exit $?\"").start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(out + err, "eval exit 1\n", out);
        assertTrue(err, err.contains("postgres.sh: it must run as root (it installs and starts Debian's PostgreSQL),"
                + " and sudo is not installed; run it as root"));
        assertTrue(err, err.contains("the PostgreSQL suites will be skipped"));
    }
}
