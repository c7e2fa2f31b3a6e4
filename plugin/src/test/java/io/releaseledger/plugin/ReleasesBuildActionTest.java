package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.releaseledger.release.Release;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ReleasesBuildActionTest {
    @Test
    public void aBuildListsItsReleasesWithWhoMayApproveAndTheirPages() throws Exception {
        try (LedgerFixture f = new LedgerFixture()) {
            Release staging = f.deployToStaging("1.0.0");
            Release waiting = f.engine.requestApproval(LedgerFixture.request("production", "1.0.0"));
            List<ReleasesBuildAction.Row> rows = ReleasesBuildAction.rows(f.ledger, f.environments,
                    List.of(staging.id(), waiting.id(), 999L), Map.of(waiting.id(), "Ship it after the freeze?"));
            assertEquals("an id the ledger does not hold is skipped", 2, rows.size());
            ReleasesBuildAction.Row live = rows.get(0);
            assertEquals("LIVE", live.state());
            assertNull(live.waitingFor());
            ReleasesBuildAction.Row gate = rows.get(1);
            assertEquals("AWAITING_APPROVAL", gate.state());
            assertTrue(gate.waitingFor(), gate.waitingFor().contains("from alice, bob, group:release-managers"));
            assertEquals("release-ledger/#/releases/" + waiting.id(), gate.path());
            assertEquals("Ship it after the freeze?", gate.message());
        }
    }

    @Test
    public void idsAreKeptOnceEach() {
        ReleasesBuildAction action = new ReleasesBuildAction();
        action.add(4, null);
        action.add(4, "again");
        action.add(7, " ");
        assertEquals(List.of(4L, 7L), action.getReleaseIds());
        assertEquals("releases", action.getUrlName());
        assertEquals("Releases", action.getDisplayName());
    }

    @Test
    public void approvalGatesAreRememberedApartForTheDeployThatFollows() {
        ReleasesBuildAction action = new ReleasesBuildAction();
        assertEquals(List.of(), action.getApprovalGateIds());
        action.add(3, null);
        action.add(5, "Ship it?");
        action.addApprovalGate(5);
        action.addApprovalGate(5);
        assertEquals(List.of(3L, 5L), action.getReleaseIds());
        assertEquals(List.of(5L), action.getApprovalGateIds());
    }
}
