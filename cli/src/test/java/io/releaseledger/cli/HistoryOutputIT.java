package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The history table as a person pages through it: columns that hold for seven-digit ids, a next-page hint to paste. */
public class HistoryOutputIT {

    @Test
    public void sevenDigitIdsKeepTheColumnsAndTheNextPageHintKeepsTheLimit() throws Exception {
        Path dir = Files.createTempDirectory("history-output-it-");
        Files.writeString(dir.resolve("release-ledger.yaml"), "environments:\n  staging: {}\n");
        Files.writeString(dir.resolve("app.jar"), "the app");
        assertEquals(0, JarProcess.run(dir, Map.of(), "register", "app", "1.0", "app.jar").exitCode());
        assertEquals(0, JarProcess.run(dir, Map.of(), "deploy", "staging", "app", "1.0", "--", "true").exitCode());
        // Ten years of releases, as far as ids go: the next release is one more than the highest.
        try (Connection c = java.sql.DriverManager.getConnection(Context.embedded(dir.resolve(".release-ledger")).jdbcUrl());
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO releases (id, environment, artifact_name, artifact_version, digest, mode, state,"
                    + " initiator, origin, requested_at, updated_at) SELECT 1234566, environment, artifact_name,"
                    + " artifact_version, digest, mode, 'SUPERSEDED', initiator, origin, requested_at, updated_at"
                    + " FROM releases WHERE id = 1");
        }
        assertEquals(0, JarProcess.run(dir, Map.of(), "deploy", "staging", "app", "1.0", "--", "true").exitCode());

        JarProcess page = JarProcess.run(dir, Map.of(), "history", "staging", "--limit", "2");
        assertEquals(page.transcript(), 0, page.exitCode());
        List<String> lines = page.out().lines().toList();
        assertTrue(page.out(), lines.get(1).startsWith("1234567 LIVE "));
        assertTrue(page.out(), lines.get(2).startsWith("1234566 SUPERSEDED "));
        int state = lines.get(0).indexOf("STATE");
        int artifact = lines.get(0).indexOf("ARTIFACT");
        for (String row : lines.subList(1, 3)) {
            assertEquals(page.out(), ' ', row.charAt(state - 1));
            assertTrue(page.out(), Character.isLetter(row.charAt(state)));
            assertTrue(page.out(), row.startsWith("app 1.0", artifact));
        }
        assertEquals(page.out(), "older: release-ledger history staging --limit 2 --before 1234566", lines.get(3));

        JarProcess next = JarProcess.run(dir, Map.of(), lines.get(3).substring("older: release-ledger ".length()).split(" "));
        assertEquals(next.transcript(), 0, next.exitCode());
        assertTrue(next.out(), next.out().lines().skip(1).findFirst().orElse("").matches("1 +SUPERSEDED +app 1\\.0 .*"));
    }
}
