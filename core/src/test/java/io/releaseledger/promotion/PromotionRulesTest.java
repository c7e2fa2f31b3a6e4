package io.releaseledger.promotion;

import static io.releaseledger.environment.PolicyFixtures.BERLIN;
import static io.releaseledger.environment.PolicyFixtures.DIGEST;
import static io.releaseledger.environment.PolicyFixtures.at;
import static io.releaseledger.environment.PolicyFixtures.production;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.promotion.PromotionRefusedException.Rule;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

public class PromotionRulesTest {
    private static final Instant WEDNESDAY_NOON = at("2026-06-03T12:00", BERLIN);
    private static final Instant SATURDAY_NOON = at("2026-06-06T12:00", BERLIN);
    private static final String DEPLOY_JOB = "team-a/payments/deploy";

    private static PromotionRefusedException refused(PromotionRequest request) {
        return assertThrows(PromotionRefusedException.class, () -> PromotionRules.check(request));
    }

    @Test
    public void refusesDigestThatSkippedStaging() {
        PromotionRefusedException e = refused(PromotionRequest.deploy(production(), DIGEST, Set.of("dev"), DEPLOY_JOB, WEDNESDAY_NOON));

        assertEquals(Rule.REQUIRES_NOT_MET, e.rule());
        assertEquals("production", e.environment());
        assertEquals("production requires sha256:ab12cd34ab12… to be live in staging first; it is live in: dev. "
                + "Deploy it to staging and let it verify.", e.getMessage());
    }

    @Test
    public void allowsDigestLiveInEveryRequiredEnvironment() {
        PromotionClearance clearance = PromotionRules.check(
                PromotionRequest.deploy(production(), DIGEST, Set.of("dev", "staging"), DEPLOY_JOB, WEDNESDAY_NOON));

        assertEquals(new PromotionClearance("production", DIGEST, PromotionKind.DEPLOY, Optional.empty()), clearance);
    }

    @Test
    public void refusesDeployDuringFreezeNamingTheFreezeAndItsEnd() {
        PromotionRefusedException e = refused(
                PromotionRequest.deploy(production(), DIGEST, Set.of("dev", "staging"), DEPLOY_JOB, SATURDAY_NOON));

        assertEquals(Rule.FROZEN, e.rule());
        assertEquals("production is frozen by 'weekend' (0 18 * * FRI for 60h, Europe/Berlin) until "
                + "2026-06-08T06:00+02:00[Europe/Berlin]. Deploy after the freeze ends, or give an emergency override "
                + "with a reason; rollbacks to a known-good release are allowed during a freeze.", e.getMessage());
    }

    @Test
    public void emergencyOverrideLetsADeployThroughAFreezeAndIsRecorded() {
        PromotionRequest request = PromotionRequest.deploy(production(), DIGEST, Set.of("dev", "staging"), DEPLOY_JOB, SATURDAY_NOON)
                .withEmergency(new EmergencyOverride("alice", "INC-4711: payments down"));

        PromotionClearance clearance = PromotionRules.check(request);

        assertEquals(Optional.of(new FreezeOverride("weekend", at("2026-06-08T06:00", BERLIN), "alice",
                "INC-4711: payments down", SATURDAY_NOON)), clearance.freezeOverride());
    }

    @Test
    public void emergencyOverrideNeedsAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EmergencyOverride("alice", "  "));

        assertTrue(e.getMessage(), e.getMessage().contains("a reason is required"));
    }

    @Test
    public void emergencyOverrideDoesNotSkipRequires() {
        PromotionRequest request = PromotionRequest.deploy(production(), DIGEST, Set.of("dev"), DEPLOY_JOB, SATURDAY_NOON)
                .withEmergency(new EmergencyOverride("alice", "INC-4711"));

        assertEquals(Rule.REQUIRES_NOT_MET, refused(request).rule());
    }

    @Test
    public void freezeAllowsRollbackToKnownGood() {
        PromotionClearance clearance = PromotionRules.check(
                PromotionRequest.rollback(production(), DIGEST, Set.of("dev", "staging", "production"), DEPLOY_JOB, SATURDAY_NOON));

        assertEquals(PromotionKind.ROLLBACK_TO_KNOWN_GOOD, clearance.kind());
        assertEquals(Optional.empty(), clearance.freezeOverride());
    }

    @Test
    public void rollbackToADigestNeverLiveThereIsRefused() {
        PromotionRefusedException e = refused(
                PromotionRequest.rollback(production(), DIGEST, Set.of("dev", "staging"), DEPLOY_JOB, WEDNESDAY_NOON));

        assertEquals(Rule.NOT_KNOWN_GOOD, e.rule());
    }

    @Test
    public void refusesJobOutsideAllowedDeployers() {
        PromotionRefusedException e = refused(
                PromotionRequest.deploy(production(), DIGEST, Set.of("dev", "staging"), "team-b/deploy", WEDNESDAY_NOON));

        assertEquals(Rule.DEPLOYER_NOT_ALLOWED, e.rule());
        assertEquals("production accepts deploys only from jobs matching team-a/**, payments/*-deploy; team-b/deploy is not "
                + "one of them. Deploy from a matching job, or ask an administrator to add this job to production's "
                + "allowedDeployers.", e.getMessage());
    }

    @Test
    public void allowsJobMatchingADeployerGlob() {
        PromotionRules.checkDeployer(production(), "payments/eu-deploy", PromotionKind.DEPLOY);
    }

    @Test
    public void commandLineDeployIsRefusedWhereDeployersAreListed() {
        PromotionRefusedException e = refused(
                PromotionRequest.deploy(production(), DIGEST, Set.of("dev", "staging"), null, WEDNESDAY_NOON));

        assertEquals(Rule.DEPLOYER_NOT_ALLOWED, e.rule());
    }

    @Test
    public void commandLineRollbackIsAllowedWhereDeployersAreListed() {
        PromotionRules.check(PromotionRequest.rollback(production(), DIGEST, Set.of("production"), null, SATURDAY_NOON));
    }
}
