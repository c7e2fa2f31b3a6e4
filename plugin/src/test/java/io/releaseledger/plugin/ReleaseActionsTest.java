package io.releaseledger.plugin;

import static io.releaseledger.plugin.ReleaseLedgerPermissions.APPROVE;
import static io.releaseledger.plugin.ReleaseLedgerPermissions.ROLLBACK;
import static io.releaseledger.plugin.ReleaseLedgerPermissions.VIEW;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.model.Item;
import io.releaseledger.approval.Decision;
import io.releaseledger.ledger.Approval;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

public class ReleaseActionsTest {
    @Rule
    public final LedgerFixture f = new LedgerFixture();

    private BufferedResponse decide(FakeJenkins jenkins, long id, Decision decision) {
        return new ReleaseActions(jenkins).decide(String.valueOf(id), decision, "ok");
    }

    // --- approve / reject ---

    @Test
    public void anApproverWithThePermissionApprovesAndTheReleaseMovesAtOnce() throws Exception {
        Release r = f.awaitingProductionApproval();
        FakeJenkins bob = new FakeJenkins(f, VIEW, APPROVE);
        BufferedResponse reply = decide(bob, r.id(), Decision.APPROVE);
        assertEquals(reply.text(), 200, reply.status());
        assertTrue(reply.text(), reply.text().contains("\"state\":\"APPROVED\""));
        assertEquals(ReleaseState.APPROVED, f.ledger.release(r.id()).state());
        assertEquals(List.of("check View", "ledger", "check Approve"), bob.asked);
    }

    @Test
    public void withoutApproveAUserIsRefusedWith403AndNothingIsRecorded() throws Exception {
        Release r = f.awaitingProductionApproval();
        FakeJenkins reader = new FakeJenkins(f, VIEW);
        assertThrows("Jenkins answers an AccessDeniedException with 403", AccessDeniedException.class,
                () -> decide(reader, r.id(), Decision.APPROVE));
        assertTrue(f.ledger.approvals(r.id()).isEmpty());
        assertEquals(ReleaseState.AWAITING_APPROVAL, f.ledger.release(r.id()).state());
    }

    @Test
    public void alreadySettledIsAnswered409BeforeThePermissionCheck() throws Exception {
        Release r = f.awaitingProductionApproval();
        assertEquals(200, decide(new FakeJenkins(f, VIEW, APPROVE), r.id(), Decision.APPROVE).status());

        FakeJenkins late = new FakeJenkins(f, VIEW); // no Approve: would be 403 if asked
        BufferedResponse reply = decide(late, r.id(), Decision.REJECT);
        assertEquals(409, reply.status());
        assertTrue(reply.text(), reply.text().contains("not awaiting approval: it is APPROVED"));
        assertFalse("Approve was never asked", late.asked.contains("check Approve"));
    }

    @Test
    public void viewIsCheckedOnTheFirstLineBeforeTheLedgerIsRead() throws Exception {
        Release r = f.awaitingProductionApproval();
        FakeJenkins anonymous = new FakeJenkins(f);
        assertThrows(AccessDeniedException.class, () -> decide(anonymous, r.id(), Decision.APPROVE));
        assertEquals(List.of("check View"), anonymous.asked);
    }

    @Test
    public void unknownOrMalformedReleases() {
        FakeJenkins bob = new FakeJenkins(f, VIEW, APPROVE);
        BufferedResponse unknown = decide(bob, 999, Decision.APPROVE);
        assertEquals(404, unknown.status());
        assertTrue(unknown.text(), unknown.text().contains("no release 999"));
        assertEquals(400, new ReleaseActions(bob).decide("abc", Decision.APPROVE, null).status());
        assertEquals(400, new ReleaseActions(bob).decide(null, Decision.APPROVE, null).status());
        for (String id : List.of("\uFF11", "+1", "01", "99999999999999999999")) {
            assertEquals(id, 400, new ReleaseActions(bob).decide(id, Decision.APPROVE, null).status());
        }
    }

    @Test
    public void approversAreComparedWithTheRealmsUserIdStrategy() throws Exception {
        Release r = f.awaitingProductionApproval();
        FakeJenkins bob = new FakeJenkins(f, VIEW, APPROVE);
        bob.user = "BOB";
        bob.userIds = FakeJenkins.CASE_SENSITIVE;
        BufferedResponse refused = decide(bob, r.id(), Decision.APPROVE);
        assertEquals("a case-sensitive realm: BOB is not bob", 403, refused.status());
        assertTrue(refused.text(), refused.text().contains("BOB is not among the approvers of production"));
        assertTrue(f.ledger.approvals(r.id()).isEmpty());

        bob.userIds = FakeJenkins.CASE_INSENSITIVE;
        assertEquals(200, decide(bob, r.id(), Decision.APPROVE).status());
        assertEquals("recorded as configured", List.of("bob"),
                f.ledger.approvals(r.id()).stream().map(Approval::approver).toList());
    }

    @Test
    public void groupsComeFromTheAuthenticationAndAreComparedWithTheGroupIdStrategy() throws Exception {
        Release r = f.awaitingProductionApproval();
        FakeJenkins erin = new FakeJenkins(f, VIEW, APPROVE);
        erin.user = "erin";
        erin.groups = JenkinsSide.groupsOf(new UsernamePasswordAuthenticationToken("erin", null,
                List.of(new SimpleGrantedAuthority("authenticated"), new SimpleGrantedAuthority("Release-Managers"))));
        assertEquals(Set.of("Release-Managers"), erin.groups);
        erin.groupIds = FakeJenkins.CASE_SENSITIVE;
        assertEquals(403, decide(erin, r.id(), Decision.APPROVE).status());
        erin.groupIds = FakeJenkins.CASE_INSENSITIVE;
        assertEquals(200, decide(erin, r.id(), Decision.APPROVE).status());
        Approval approval = f.ledger.approvals(r.id()).get(0);
        assertEquals("erin", approval.approver());
        assertEquals(Set.of("release-managers"), approval.groups());
    }

    @Test
    public void theInitiatorCannotApproveTheirOwnRequestHoweverTheRealmSpellsThem() throws Exception {
        Release r = f.awaitingProductionApproval(); // requested by alice, who is also an approver
        FakeJenkins alice = new FakeJenkins(f, VIEW, APPROVE);
        alice.user = "Alice";
        BufferedResponse reply = decide(alice, r.id(), Decision.APPROVE);
        assertEquals(reply.text(), 403, reply.status());
        assertTrue(f.ledger.approvals(r.id()).isEmpty());
    }

    @Test
    public void aRejectionEndsTheRequest() throws Exception {
        Release r = f.awaitingProductionApproval();
        BufferedResponse reply = decide(new FakeJenkins(f, VIEW, APPROVE), r.id(), Decision.REJECT);
        assertEquals(200, reply.status());
        assertEquals(ReleaseState.REJECTED, f.ledger.release(r.id()).state());
    }

    // --- roll back ---

    @Test
    public void rollbackSchedulesTheJobThatDeployedTheTargetWithTheRollbackAction() throws Exception {
        Release first = f.deployToStaging("1.0.0");
        f.deployToStaging("2.0.0");
        FakeJenkins carol = new FakeJenkins(f, VIEW, ROLLBACK, Item.BUILD);
        carol.user = "carol";
        BufferedResponse reply = new ReleaseActions(carol).rollback(String.valueOf(first.id()));
        assertEquals(reply.text(), 202, reply.status());
        assertEquals(List.of("check Rollback", "ledger", "schedule " + LedgerFixture.JOB, "check Build"), carol.asked);
        RollbackRequestAction action = (RollbackRequestAction) carol.scheduled.get(0)[1];
        assertEquals("staging", action.getEnvironment());
        assertEquals("payments-api", action.getArtifact());
        assertEquals("1.0.0", action.getVersion());
        assertEquals(first.id(), action.getTargetReleaseId());
        assertEquals("carol", action.getRequestedBy());
    }

    @Test
    public void rollbackNeedsTheRollbackPermissionFirstAndItemBuildOnTheJob() throws Exception {
        Release first = f.deployToStaging("1.0.0");
        f.deployToStaging("2.0.0");
        FakeJenkins viewer = new FakeJenkins(f, VIEW);
        assertThrows(AccessDeniedException.class, () -> new ReleaseActions(viewer).rollback(String.valueOf(first.id())));
        assertEquals(List.of("check Rollback"), viewer.asked);

        FakeJenkins noBuild = new FakeJenkins(f, VIEW, ROLLBACK);
        assertThrows(AccessDeniedException.class, () -> new ReleaseActions(noBuild).rollback(String.valueOf(first.id())));
        assertTrue(noBuild.scheduled.isEmpty());
    }

    @Test
    public void rollbackConflictsAndMissingThings() throws Exception {
        Release first = f.deployToStaging("1.0.0");
        FakeJenkins carol = new FakeJenkins(f, ROLLBACK, Item.BUILD);
        BufferedResponse live = new ReleaseActions(carol).rollback(String.valueOf(first.id()));
        assertEquals(409, live.status());
        assertTrue(live.text(), live.text().contains("is live in staging now"));

        Release waiting = f.engine.requestApproval(LedgerFixture.request("production", "1.0.0"));
        BufferedResponse neverLive = new ReleaseActions(carol).rollback(String.valueOf(waiting.id()));
        assertEquals(409, neverLive.status());
        assertTrue(neverLive.text(), neverLive.text().contains("was never live"));

        assertEquals(404, new ReleaseActions(carol).rollback("999").status());
        f.deployToStaging("2.0.0");
        carol.jobExists = false;
        BufferedResponse gone = new ReleaseActions(carol).rollback(String.valueOf(first.id()));
        assertEquals(404, gone.status());
        assertTrue(gone.text(), gone.text().contains("job team-a/payments"));
    }

    @Test
    public void canonicalSpellingFollowsTheStrategy() {
        assertEquals("bob", ReleaseActions.canonical("BOB", Set.of("bob"), FakeJenkins.CASE_INSENSITIVE));
        assertEquals("BOB", ReleaseActions.canonical("BOB", Set.of("bob"), FakeJenkins.CASE_SENSITIVE));
    }
}
