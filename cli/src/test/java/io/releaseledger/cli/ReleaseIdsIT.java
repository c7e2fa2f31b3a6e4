package io.releaseledger.cli;

import static io.releaseledger.cli.DeadOwnerIT.json;
import static io.releaseledger.cli.DeadOwnerIT.list;
import static io.releaseledger.cli.DeadOwnerIT.object;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Release ids have no gaps, even after the process holding the embedded ledger was killed with SIGKILL (H2 used to
 * lose a cached block of ids: 1, 2, then 34), and {@code audit verify} says every release is there. H2 and
 * PostgreSQL.
 */
public class ReleaseIdsIT extends OnBothStores {
    private static final Map<String, String> SHORT_LEASE = Map.of(EngineSupport.LEASE_TTL_VARIABLE, "3s");


    public ReleaseIdsIT(String storeName) {
        super(storeName, "release-ids-it-", STAGING);
    }


    @Test
    public void idsHaveNoGapsAfterTheOwnerOfTheLedgerWasKilled() throws Exception {
        assertEquals(0, JarProcess.run(dir, SHORT_LEASE, "deploy", "staging", "app", "1.0", "--", "true").exitCode());
        try (JarProcess killed = JarProcess.startInOwnGroup(dir, SHORT_LEASE, "deploy", "staging", "app", "1.0", "--",
                "sh", "-c", "touch started; exec sleep 90")) {
            killed.awaitOutput("running sh -c");
            while (!Files.exists(dir.resolve("started"))) {
                Thread.sleep(20);
            }
            killed.signal("KILL");
            killed.exitCode();
        }
        JarProcess third = JarProcess.run(dir, SHORT_LEASE, "deploy", "staging", "app", "1.0", "--", "true");
        assertEquals(third.transcript(), 0, third.exitCode());
        assertTrue(third.out(), third.out().contains("release 3 staging app 1.0: LIVE"));

        List<Object> releases = list(json(JarProcess.run(dir, Map.of(), "history", "staging", "--json")).get("releases"));
        assertEquals(List.of("3", "2", "1"), releases.stream().map(r -> object(r).get("id").toString()).toList());
        assertEquals("INTERRUPTED", object(releases.get(1)).get("state"));
        JarProcess audit = JarProcess.run(dir, Map.of(), "audit", "verify");
        assertEquals(audit.transcript(), 0, audit.exitCode());
        assertTrue(audit.out(), audit.out().contains("; 3 releases, each with its request in the chain\n"));
    }
}
