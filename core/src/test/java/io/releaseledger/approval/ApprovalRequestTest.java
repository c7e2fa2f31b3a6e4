package io.releaseledger.approval;

import static io.releaseledger.environment.PolicyFixtures.DIGEST;
import static io.releaseledger.environment.PolicyFixtures.OTHER_DIGEST;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.environment.ApprovalOverride;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.UserIdMatching;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class ApprovalRequestTest {
    private static final Instant REQUESTED = Instant.parse("2026-06-01T09:00:00Z");
    private static final ApprovalPolicy TWO_OF_THEM = ApprovalPolicy.of(2, "alice", "carol", "group:release-managers");

    /** bob started a release of DIGEST into production; two approvals needed within 24h. */
    private final ApprovalRequest request = new ApprovalRequest("production", DIGEST, "bob", REQUESTED, TWO_OF_THEM);

    private static ApprovalDecision approve(String user, int minutesLater, String... groups) {
        return new ApprovalDecision("production", DIGEST, user, Set.of(groups), Decision.APPROVE,
                REQUESTED.plus(Duration.ofMinutes(minutesLater)), "");
    }

    private static ApprovalDecision reject(String user, int minutesLater, String comment) {
        return new ApprovalDecision("production", DIGEST, user, Set.of(), Decision.REJECT,
                REQUESTED.plus(Duration.ofMinutes(minutesLater)), comment);
    }

    private static Instant minutesLater(int minutes) {
        return REQUESTED.plus(Duration.ofMinutes(minutes));
    }

    @Test
    public void withoutDecisionsItIsPendingAndSaysWhoMayApprove() {
        ApprovalStatus status = request.evaluate(List.of(), minutesLater(1));

        ApprovalStatus.Pending pending = (ApprovalStatus.Pending) status;
        assertEquals(2, pending.approvalsNeeded());
        assertEquals(Set.of(new Approver.User("alice"), new Approver.User("carol"), new Approver.Group("release-managers")),
                pending.approvers());
        assertEquals(Set.of("bob"), pending.excluded());
        assertEquals(REQUESTED.plus(Duration.ofHours(24)), pending.deadline());
    }

    @Test
    public void pendingStatusSaysWhoIsStillNeededInOneSentence() {
        ApprovalStatus status = request.evaluate(List.of(approve("alice", 5)), minutesLater(6));

        assertEquals("waiting for 1 more approval(s) from alice, carol, group:release-managers (excluding alice, bob) "
                + "until 2026-06-02T09:00:00Z", status.describe());
    }

    @Test
    public void pipelineTighteningRaisesTheBar() {
        ApprovalRequest stricter = new ApprovalRequest("production", DIGEST, "bob", REQUESTED,
                TWO_OF_THEM.tightenedBy(ApprovalOverride.none().withRequired(3)));

        ApprovalStatus status = stricter.evaluate(List.of(approve("alice", 5), approve("carol", 6)), minutesLater(7));

        assertEquals(1, ((ApprovalStatus.Pending) status).approvalsNeeded());
    }

    @Test
    public void twoDistinctApproversApprove() {
        ApprovalStatus status = request.evaluate(List.of(approve("alice", 5), approve("dave", 7, "release-managers")), minutesLater(8));

        assertEquals(new ApprovalStatus.Approved(List.of("alice", "dave"), minutesLater(7)), status);
    }

    @Test
    public void sameApproverTwiceCountsOnce() {
        ApprovalStatus status = request.evaluate(List.of(approve("alice", 5), approve("alice", 6)), minutesLater(8));

        assertEquals(1, ((ApprovalStatus.Pending) status).approvalsNeeded());
    }

    @Test
    public void userIdsAreComparedIgnoringCaseByDefault() {
        ApprovalStatus status = request.evaluate(List.of(approve("alice", 5), approve("ALICE", 6)), minutesLater(8));

        assertEquals(List.of("alice"), ((ApprovalStatus.Pending) status).approvedBy());
    }

    @Test
    public void caseSensitiveRealmRefusesADifferentlyCasedId() {
        ApprovalRequest strict = new ApprovalRequest("production", DIGEST, "bob", REQUESTED, TWO_OF_THEM,
                UserIdMatching.CASE_SENSITIVE);

        assertThrows(NotAnApproverException.class, () -> strict.evaluate(List.of(approve("Alice", 5)), minutesLater(8)));
    }

    @Test
    public void memberOfAListedGroupMayApprove() {
        assertTrue(request.mayDecide("dave", Set.of("developers", "release-managers")));
    }

    @Test
    public void initiatorCannotApproveOwnRelease() {
        ApprovalRequest byAlice = new ApprovalRequest("production", DIGEST, "alice", REQUESTED, TWO_OF_THEM);

        NotAnApproverException e = assertThrows(NotAnApproverException.class,
                () -> byAlice.decide(List.of(), approve("alice", 5)));

        assertEquals(NotAnApproverException.Reason.INITIATOR, e.reason());
        assertEquals("alice started this release and may not approve it: production forbids self-approval. "
                + "Ask another approver (alice, carol, group:release-managers).", e.getMessage());
    }

    @Test
    public void initiatorMayApproveWhenThePolicyAllowsSelfApproval() {
        ApprovalPolicy selfAllowed = new ApprovalPolicy(1, TWO_OF_THEM.approvers(), true, Duration.ofHours(1));
        ApprovalRequest byAlice = new ApprovalRequest("production", DIGEST, "alice", REQUESTED, selfAllowed);

        assertEquals(new ApprovalStatus.Approved(List.of("alice"), minutesLater(5)), byAlice.decide(List.of(), approve("alice", 5)));
    }

    @Test
    public void someoneNotListedIsRefusedWithTheListOfApprovers() {
        NotAnApproverException e = assertThrows(NotAnApproverException.class,
                () -> request.decide(List.of(), approve("mallory", 5, "developers")));

        assertEquals(NotAnApproverException.Reason.NOT_LISTED, e.reason());
        assertEquals("mallory may not approve releases into production: the approvers are alice, carol, "
                + "group:release-managers and mallory is none of them (groups: developers). Ask one of them, or an "
                + "administrator to change the environment's approvers.", e.getMessage());
    }

    @Test
    public void anyRejectionEndsTheRequest() {
        ApprovalStatus status = request.evaluate(List.of(approve("alice", 5), reject("carol", 6, "error budget spent"),
                approve("dave", 7, "release-managers")), minutesLater(8));

        assertEquals(new ApprovalStatus.Rejected("carol", "error budget spent", minutesLater(6)), status);
    }

    @Test
    public void requestTimesOutWhenTheTimeoutPasses() {
        ApprovalStatus status = request.evaluate(List.of(approve("alice", 5)), REQUESTED.plus(Duration.ofHours(24)));

        assertEquals(new ApprovalStatus.TimedOut(REQUESTED.plus(Duration.ofHours(24)), Duration.ofHours(24), List.of("alice"), 1),
                status);
        assertEquals("timed out after 1d without a decision (at " + REQUESTED.plus(Duration.ofHours(24))
                + "), still needing 1 approval(s); approved by alice", status.describe());
    }

    @Test
    public void approvalAfterTheDeadlineDoesNotCount() {
        ApprovalStatus status = request.evaluate(List.of(approve("alice", 5), approve("carol", 24 * 60)), minutesLater(24 * 60 + 1));

        assertTrue(status instanceof ApprovalStatus.TimedOut);
    }

    @Test
    public void decisionsCountInTimeOrderWhateverTheListOrder() {
        ApprovalStatus status = request.evaluate(List.of(reject("carol", 9, "too late"), approve("dave", 3, "release-managers"),
                approve("alice", 2)), minutesLater(10));

        assertEquals(new ApprovalStatus.Approved(List.of("alice", "dave"), minutesLater(3)), status);
    }

    @Test
    public void approvalGivenForAnotherDigestIsRefused() {
        ApprovalDecision forOtherBuild = new ApprovalDecision("production", OTHER_DIGEST, "alice", Set.of(),
                Decision.APPROVE, minutesLater(5), "");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> request.decide(List.of(), forOtherBuild));

        assertTrue(e.getMessage(), e.getMessage().contains("approvals bind to environment and digest"));
    }

    @Test
    public void decidingAClosedRequestIsRefused() {
        ApprovalClosedException e = assertThrows(ApprovalClosedException.class,
                () -> request.decide(List.of(reject("carol", 1, "no")), approve("alice", 5)));

        assertTrue(e.status() instanceof ApprovalStatus.Rejected);
    }

    @Test
    public void noRequiredApprovalsMeansApprovedAtOnce() {
        ApprovalRequest ungated = new ApprovalRequest("dev", DIGEST, "bob", REQUESTED, ApprovalPolicy.NONE);

        assertEquals(new ApprovalStatus.Approved(List.of(), REQUESTED), ungated.evaluate(List.of(), REQUESTED));
    }

    @Test
    public void versionStringsAreNotDigests() {
        assertThrows(IllegalArgumentException.class, () -> new ApprovalRequest("production", "1.4.2", "bob", REQUESTED, TWO_OF_THEM));
    }
}
