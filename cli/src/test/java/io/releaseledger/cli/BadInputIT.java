package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;

/** Bad input of every kind: one line on stderr, no stack trace, exit code 2, nothing changed. */
public class BadInputIT {
    private Path dir;

    @Before
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("bad-input-it-");
        Files.writeString(dir.resolve("release-ledger.yaml"), "environments:\n  dev: {}\n  staging:\n    requires: [dev]\n");
    }

    private JarProcess badInput(String... args) throws Exception {
        JarProcess p = JarProcess.run(dir, Map.of(), args);
        assertEquals(p.transcript(), ExitCode.BAD_INPUT, p.exitCode());
        assertEquals("exactly one line on stderr\n" + p.transcript(), 1, p.err().lines().count());
        assertTrue(p.transcript(), p.err().startsWith("release-ledger: "));
        assertFalse("no stack trace\n" + p.transcript(), p.err().contains("\tat ") || p.err().contains("Exception"));
        return p;
    }

    @Test
    public void malformedYaml() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "environments:\n  dev: {\n  staging: [unclosed\n");
        JarProcess p = badInput("status", "--config", "broken.yaml");
        assertTrue(p.err(), p.err().contains("broken.yaml"));
    }

    @Test
    public void aMisspelledKeyInTheYaml() throws Exception {
        Files.writeString(dir.resolve("typo.yaml"), "environments:\n  production:\n    aproval: {required: 1}\n");
        JarProcess p = badInput("deploy", "production", "app", "1.0", "--config", "typo.yaml", "--", "true");
        assertTrue(p.err(), p.err().contains("aproval"));
    }

    @Test
    public void anUnknownEnvironment() throws Exception {
        JarProcess p = badInput("deploy", "qa", "app", "1.0", "--", "true");
        assertTrue(p.err(), p.err().contains("'qa'") || p.err().contains("\"qa\""));
        assertTrue(p.err(), p.err().contains("dev, staging"));
    }

    @Test
    public void aBadDigest() throws Exception {
        JarProcess p = badInput("register", "app", "1.0", "--digest", "sha256:ABC123");
        assertTrue(p.err(), p.err().contains("digest"));
        JarProcess image = badInput("register", "app", "1.0", "--image", "registry.example.com/app:latest");
        assertTrue(image.err(), image.err().contains("--image"));
    }

    @Test
    public void aSecretOnTheCommandLine() throws Exception {
        JarProcess p = badInput("deploy", "dev", "app", "1.0", "--secret", "DB_PASSWORD=hunter2-value", "--", "true");
        assertFalse(p.err(), p.err().contains("hunter2-value"));
        assertTrue(p.err(), p.err().contains("environment variable or a file"));
        JarProcess inline = badInput("deploy", "dev", "app", "1.0", "--http-check", "http://127.0.0.1:1/health",
                "--http-bearer", "env:TOKEN=hunter2-value", "--", "true");
        assertFalse(inline.err(), inline.err().contains("hunter2-value"));
        assertTrue(inline.err(), inline.err().contains("env:NAME"));
    }

    @Test
    public void aUsageError() throws Exception {
        badInput("history");
        badInput("deploy", "dev", "app", "1.0", "--success-threshold", "many", "--", "true");
    }

    @Test
    public void aDeployCommandThatCannotRunIsRefusedBeforeAnythingIsRecorded() throws Exception {
        Files.writeString(dir.resolve("app.jar"), "the app");
        assertEquals(0, JarProcess.run(dir, Map.of(), "register", "app", "1.0", "app.jar").exitCode());
        JarProcess missing = badInput("deploy", "dev", "app", "1.0", "--", "./deploy.sh", "dev");
        assertTrue(missing.err(), missing.err().contains("COMMAND './deploy.sh' is not valid: it does not exist"));
        Files.writeString(dir.resolve("deploy.sh"), "#!/bin/sh\necho deployed\n"); // not executable
        JarProcess notExecutable = badInput("deploy", "dev", "app", "1.0", "--", "./deploy.sh");
        assertTrue(notExecutable.err(), notExecutable.err().contains("it is not executable; make it so (chmod +x ./deploy.sh)"));
        JarProcess notOnPath = badInput("rollback", "dev", "--", "no-such-deployer", "--fast");
        assertTrue(notOnPath.err(), notOnPath.err().contains("no program of that name is on PATH"));
        JarProcess history = JarProcess.run(dir, Map.of(), "history", "dev", "--json");
        assertEquals(history.transcript(), 0, history.exitCode());
        assertTrue("no release was recorded: " + history.out(), history.out().contains("\"releases\":[]"));
    }

    @Test
    public void anUnknownCommandSaysSoAndListsTheCommands() throws Exception {
        JarProcess p = badInput("bogus");
        assertTrue(p.err(), p.err().contains("unknown command 'bogus'; the commands are init, register, deploy,"
                + " approve, reject, rollback, status, history, show, audit, notes, serve, demo"));
        JarProcess sub = badInput("audit", "bogus");
        assertTrue(sub.err(), sub.err().contains("unknown command 'bogus' of audit; the commands are verify, export"));
    }

    @Test
    public void withJsonAnErrorIsAlsoOneJsonDocumentOnStandardOutput() throws Exception {
        JarProcess usage = badInput("history", "--json");
        assertTrue(usage.out(), usage.out().matches("\\{\"error\":\"Missing required parameter: 'ENV'.*\",\"exitCode\":2,"
                + "\"field\":null\\}\n"));
        JarProcess field = badInput("register", "app", "1.0", "--digest", "sha256:ABC", "--json");
        assertTrue(field.out(), field.out().matches("\\{\"error\":\"digest .*\",\"exitCode\":2,\"field\":\"digest\"\\}\n"));
        JarProcess secret = badInput("deploy", "--json", "dev", "app", "1.0", "--token", "x", "--", "true");
        assertTrue(secret.out(), secret.out().startsWith("{\"error\":"));
        JarProcess refused = JarProcess.run(dir, Map.of(), "deploy", "staging", "app", "1.0", "--json", "--", "true");
        assertTrue(refused.out(), refused.out().startsWith("{\"error\":"));
    }

    @Test
    public void namesAreAsciiAndTheMessageSaysSo() throws Exception {
        JarProcess p = badInput("register", "zürich-app", "1.0", "--digest", "sha256:" + "a".repeat(64));
        assertTrue(p.err(), p.err().contains("use ASCII letters, digits and . _ / @ + -"));
    }

    @Test
    public void nothingWasRecorded() throws Exception {
        badInput("deploy", "qa", "app", "1.0", "--", "true");
        JarProcess audit = JarProcess.run(dir, Map.of(), "audit", "verify", "--json");
        assertEquals(audit.transcript(), 0, audit.exitCode());
        assertTrue(audit.out(), audit.out().contains("\"eventsChecked\":0"));
    }
}
