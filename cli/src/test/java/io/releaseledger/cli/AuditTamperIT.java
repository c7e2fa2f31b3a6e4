package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.releaseledger.ledger.EventType;
import io.releaseledger.ledger.LedgerEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.Test;

/**
 * An event row edited behind the ledger's back is found by audit verify, by its sequence number; an
 * export carries what an auditor needs to check the chain without the ledger.
 */
public class AuditTamperIT {

    @Test
    public void anExportedChainReverifiesFromItsLinesAlone() throws Exception {
        Path dir = Files.createTempDirectory("export-it-");
        Files.writeString(dir.resolve("release-ledger.yaml"), "environments:\n  dev: {}\n");
        Files.writeString(dir.resolve("app.jar"), "the app");
        assertEquals(0, JarProcess.run(dir, Map.of(), "register", "app", "1.0", "app.jar").exitCode());
        assertEquals(0, JarProcess.run(dir, Map.of(), "deploy", "dev", "app", "1.0", "--", "true").exitCode());
        JarProcess export = JarProcess.run(dir, Map.of(), "audit", "export");
        assertEquals(export.transcript(), 0, export.exitCode());

        // The formula of docs/ledger.md, over the exported fields only.
        String previous = LedgerEvent.GENESIS;
        List<String> lines = export.out().lines().toList();
        assertTrue(export.out(), lines.size() >= 8);
        for (String line : lines) {
            Map<String, Object> e = JsonMaps.read(line);
            Object release = e.get("release");
            LedgerEvent event = new LedgerEvent(Long.parseLong(e.get("seq").toString()),
                    Instant.ofEpochMilli(Long.parseLong(e.get("atEpochMillis").toString())), (String) e.get("actor"),
                    (String) e.get("origin"), EventType.valueOf((String) e.get("type")), (String) e.get("environment"),
                    release == null ? null : Long.valueOf(release.toString()), (String) e.get("payload"),
                    (String) e.get("previousHash"), (String) e.get("hash"));
            assertEquals("previous hash of event " + event.seq(), previous, event.previousHash());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous.getBytes(StandardCharsets.US_ASCII));
            sha.update(event.canonicalBytes());
            assertEquals("hash of event " + event.seq(), HexFormat.of().formatHex(sha.digest()), event.hash());
            previous = event.hash();
        }
    }

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
        JarProcess intactJson = JarProcess.run(dir, Map.of(), "audit", "verify", "--json");
        assertEquals(intactJson.transcript(), 0, intactJson.exitCode());
        Map<String, Object> verdict = JsonMaps.read(intactJson.out());
        // The CLI writes canonical JSON (names sorted); the members are what counts, not their order.
        assertEquals("the shape of the console's /api/audit/verify (LedgerWebApiTest)", new TreeSet<>(List.of("intact",
                "eventsChecked", "releasesChecked", "unissuedIds", "firstBrokenSeq", "problem", "timeReversals",
                "firstReversalSeq", "summary")), new TreeSet<>(verdict.keySet()));

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
