package io.releaseledger.environment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class ApprovalPolicyTest {
    private final ApprovalPolicy production = ApprovalPolicy.of(2, "alice", "carol", "group:release-managers");

    @Test
    public void defaultsForbidSelfApprovalAndWaitADay() {
        assertFalse(production.allowSelfApproval());
        assertEquals(Duration.ofHours(24), production.timeout());
    }

    @Test
    public void pipelineCanRequireMoreApprovalsAndAShorterTimeout() {
        ApprovalPolicy tightened = production.tightenedBy(ApprovalOverride.none().withRequired(3).withTimeout(Duration.ofHours(2)));

        assertEquals(3, tightened.required());
        assertEquals(Duration.ofHours(2), tightened.timeout());
        assertEquals(production.approvers(), tightened.approvers());
    }

    @Test
    public void pipelineCanNarrowApproversToASubset() {
        ApprovalPolicy tightened = production.tightenedBy(ApprovalOverride.none().withApprovers("group:release-managers"));

        assertEquals(Set.of(new Approver.Group("release-managers")), tightened.approvers());
    }

    @Test
    public void pipelineCannotLowerRequiredApprovals() {
        PolicyWeakenedException e = assertThrows(PolicyWeakenedException.class,
                () -> production.tightenedBy(ApprovalOverride.none().withRequired(1)));

        assertEquals(List.of("required"), e.weakened());
        assertTrue(e.getMessage(), e.getMessage().contains("required 1 is fewer than the environment's 2"));
    }

    @Test
    public void pipelineCannotAddAnApprover() {
        PolicyWeakenedException e = assertThrows(PolicyWeakenedException.class,
                () -> production.tightenedBy(ApprovalOverride.none().withApprovers("alice", "mallory")));

        assertEquals(List.of("approvers"), e.weakened());
        assertTrue(e.getMessage(), e.getMessage().contains("approvers mallory are not among the environment's approvers"));
    }

    @Test
    public void pipelineCannotLengthenTheTimeout() {
        PolicyWeakenedException e = assertThrows(PolicyWeakenedException.class,
                () -> production.tightenedBy(ApprovalOverride.none().withTimeout(Duration.ofDays(3))));

        assertEquals(List.of("timeout"), e.weakened());
        assertTrue(e.getMessage(), e.getMessage().contains("timeout 3d is longer than the environment's 1d"));
    }

    @Test
    public void pipelineCannotTurnSelfApprovalOn() {
        PolicyWeakenedException e = assertThrows(PolicyWeakenedException.class,
                () -> production.tightenedBy(ApprovalOverride.none().withAllowSelfApproval(true)));

        assertEquals(List.of("allowSelfApproval"), e.weakened());
    }

    @Test
    public void pipelineCanTurnSelfApprovalOff() {
        ApprovalPolicy lenient = new ApprovalPolicy(1, production.approvers(), true, Duration.ofHours(1));

        assertFalse(lenient.tightenedBy(ApprovalOverride.none().withAllowSelfApproval(false)).allowSelfApproval());
    }

    @Test
    public void weakeningErrorNamesEveryWeakenedField() {
        PolicyWeakenedException e = assertThrows(PolicyWeakenedException.class, () -> production.tightenedBy(
                ApprovalOverride.none().withRequired(0).withTimeout(Duration.ofDays(2)).withAllowSelfApproval(true)));

        assertEquals(List.of("required", "timeout", "allowSelfApproval"), e.weakened());
        assertEquals("approval", e.field());
    }

    @Test
    public void pipelineMayAddAnApprovalGateWhereThereWasNone() {
        ApprovalPolicy gated = ApprovalPolicy.NONE.tightenedBy(ApprovalOverride.none().withRequired(1).withApprovers("alice"));

        assertEquals(ApprovalPolicy.of(1, "alice"), gated);
    }

    @Test
    public void requiredApprovalsNeedSomeoneToGiveThem() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> ApprovalPolicy.of(1));

        assertEquals("approvers", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("group:authenticated"));
    }

    @Test
    public void moreApprovalsThanListedUsersIsRefused() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> ApprovalPolicy.of(3, "alice", "bob"));

        assertEquals("required", e.field());
        assertEquals("at most 2, or list more approvers or a group", e.allowed());
    }

    @Test
    public void negativeApprovalCountIsRefused() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> ApprovalPolicy.of(-1, "alice"));

        assertEquals("required: \"-1\" is not valid; allowed: a whole number, 0 or more", e.getMessage());
    }

    @Test
    public void groupEntriesAreReadFromTheGroupPrefix() {
        assertEquals(new Approver.Group("release-managers"), Approver.parse("approvers", "group:release-managers"));
        assertEquals(new Approver.User("alice"), Approver.parse("approvers", "alice"));
        assertThrows(InvalidPolicyException.class, () -> Approver.parse("approvers", "group:"));
    }
}
