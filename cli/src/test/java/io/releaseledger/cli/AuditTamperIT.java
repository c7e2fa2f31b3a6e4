package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.Test;

/** An event row edited behind the ledger's back is found by audit verify, by its sequence number. */
public class AuditTamperIT {

    @Test
    public void aTamperedEventMakesAuditVerifyFailNamingIt() throws Exception {
        Path dir = Files.createTempDirectory("tamper-it-");
        Files.writeString(dir.resolve("release-ledger.yaml"), "environments:\n  dev: {}\n");
        Files.writeString(dir.resolve("app.jar"), "the app");
        assertEquals(0, JarProcess.run(dir, Map.of(), "register", "app", "1.0", "app.jar").exitCode());
        JarProcess deploy = JarProcess.run(dir, Map.of(), "deploy", "dev", "app", "1.0", "--", "true");
        assertEquals(deploy.transcript(), 0, deploy.exitCode());
        JarProcess intact = JarProcess.run(dir, Map.of(), "audit", "verify");
        assertEquals(intact.transcript(), 0, intact.exitCode());
        assertTrue(intact.out(), intact.out().contains("audit chain intact"));

        // Rewrite who did event 4, as someone covering their tracks would, straight through H2's JDBC.
        long tampered = 4;
        try (Connection c = DriverManager.getConnection(Context.embedded(dir.resolve(".release-ledger")).jdbcUrl());
             PreparedStatement u = c.prepareStatement("UPDATE ledger_events SET actor = 'mallory' WHERE seq = ?")) {
            u.setLong(1, tampered);
            assertEquals(1, u.executeUpdate());
        }

        JarProcess broken = JarProcess.run(dir, Map.of(), "audit", "verify");
        assertNotEquals(broken.transcript(), 0, broken.exitCode());
        assertEquals(broken.transcript(), 1, broken.err().lines().count());
        assertTrue(broken.transcript(), broken.err().contains("BROKEN at event " + tampered));

        JarProcess json = JarProcess.run(dir, Map.of(), "audit", "verify", "--json");
        assertNotEquals(json.transcript(), 0, json.exitCode());
        assertTrue(json.out(), json.out().contains("\"firstBrokenSeq\":" + tampered));
    }
}
