package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.CredentialBinding;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.environment.FreezeWindow;
import io.releaseledger.environment.InconclusiveOutcome;
import io.releaseledger.environment.InvalidPolicyException;
import io.releaseledger.environment.JobPattern;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class ReleaseEnvironmentTest {
    @Test
    public void defaultsAreCoresDefaults() {
        EnvironmentPolicy policy = new ReleaseEnvironment("dev").toPolicy(1);
        assertEquals("dev", policy.name());
        assertEquals(1, policy.order());
        assertTrue(policy.requires().isEmpty());
        assertEquals(ApprovalPolicy.NONE, policy.approval());
        assertTrue(policy.freezes().isEmpty());
        assertTrue(policy.autoRollback());
        assertEquals(InconclusiveOutcome.UNHEALTHY, policy.onInconclusive());
        assertTrue(policy.allowedDeployers().isEmpty());
        assertTrue(policy.credentials().isEmpty());
    }

    @Test
    public void everyFieldMapsOntoCoresPolicy() {
        ReleaseEnvironment production = new ReleaseEnvironment(" production ");
        production.setOrder(10);
        production.setRequires("staging, dev");
        production.setApprovalsRequired(2);
        production.setApprovers("alice\ngroup:release managers");
        production.setAllowSelfApproval(true);
        production.setApprovalTimeout("4h");
        FreezeWindowEntry weekend = new FreezeWindowEntry("weekend", "Europe/Berlin");
        weekend.setCron("0 18 * * FRI");
        weekend.setDuration("60h");
        FreezeWindowEntry yearEnd = new FreezeWindowEntry("year-end", "Europe/Berlin");
        yearEnd.setStart("2026-12-20");
        yearEnd.setEnd("2027-01-04T00:00");
        production.setFreezes(List.of(weekend, yearEnd));
        production.setAutoRollback(false);
        production.setOnInconclusive("Healthy");
        production.setAllowedDeployers("team-a/**, payments/*-deploy");
        production.setCredentials(List.of(new CredentialBindingEntry("KUBE_TOKEN", "prod-kube-token")));

        EnvironmentPolicy policy = production.toPolicy(3);

        assertEquals("production", policy.name());
        assertEquals(10, policy.order());
        assertEquals(List.of("staging", "dev"), List.copyOf(policy.requires()));
        assertEquals(2, policy.approval().required());
        assertEquals(Set.of(new Approver.User("alice"), new Approver.Group("release managers")), policy.approval().approvers());
        assertTrue(policy.approval().allowSelfApproval());
        assertEquals(Duration.ofHours(4), policy.approval().timeout());
        assertEquals(2, policy.freezes().size());
        FreezeWindow.Recurring recurring = (FreezeWindow.Recurring) policy.freezes().get(0);
        assertEquals("weekend", recurring.name());
        assertEquals(Duration.ofHours(60), recurring.duration());
        assertEquals(ZoneId.of("Europe/Berlin"), recurring.zone());
        FreezeWindow.Absolute absolute = (FreezeWindow.Absolute) policy.freezes().get(1);
        assertEquals(LocalDateTime.of(2026, 12, 20, 0, 0), absolute.start());
        assertEquals(LocalDateTime.of(2027, 1, 4, 0, 0), absolute.end());
        assertFalse(policy.autoRollback());
        assertEquals(InconclusiveOutcome.HEALTHY, policy.onInconclusive());
        assertEquals(List.of(new JobPattern("team-a/**"), new JobPattern("payments/*-deploy")), policy.allowedDeployers());
        assertEquals(List.of(new CredentialBinding("KUBE_TOKEN", "prod-kube-token")), policy.credentials());
    }

    @Test
    public void errorsNameTheEnvironmentAndTheField() {
        ReleaseEnvironment production = new ReleaseEnvironment("production");
        production.setApprovalTimeout("4 hours");
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> production.toPolicy(1));
        assertEquals("environments.production.approval.timeout", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("4 hours"));

        ReleaseEnvironment staging = new ReleaseEnvironment("staging");
        staging.setApprovalsRequired(1);
        e = assertThrows(InvalidPolicyException.class, () -> staging.toPolicy(1));
        assertEquals("environments.staging.approval.approvers", e.field());

        ReleaseEnvironment reserved = new ReleaseEnvironment("dev");
        reserved.setCredentials(List.of(new CredentialBindingEntry("RELEASE_ID", "x")));
        e = assertThrows(InvalidPolicyException.class, () -> reserved.toPolicy(1));
        assertEquals("environments.dev.credentials", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("reserved"));

        ReleaseEnvironment inconclusive = new ReleaseEnvironment("dev");
        inconclusive.setOnInconclusive("maybe");
        e = assertThrows(InvalidPolicyException.class, () -> inconclusive.toPolicy(1));
        assertEquals("environments.dev.onInconclusive", e.field());
        assertEquals(ReleaseEnvironment.INCONCLUSIVE_ALLOWED, e.allowed());
    }

    @Test
    public void anUnnamedEnvironmentIsNamedByItsPosition() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> new ReleaseEnvironment("  ").toPolicy(2));
        assertEquals("environments.#2.name", e.field());
    }

    @Test
    public void freezeErrorsNameTheWindow() {
        ReleaseEnvironment production = new ReleaseEnvironment("production");
        FreezeWindowEntry both = new FreezeWindowEntry("weekend", "Europe/Berlin");
        both.setCron("0 18 * * FRI");
        both.setDuration("60h");
        both.setStart("2026-12-20");
        production.setFreezes(List.of(both));
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> production.toPolicy(1));
        assertEquals("environments.production.freezes.weekend.schedule", e.field());

        FreezeWindowEntry offset = new FreezeWindowEntry("year-end", "+01:00");
        offset.setStart("2026-12-20");
        offset.setEnd("2027-01-04");
        production.setFreezes(List.of(offset));
        e = assertThrows(InvalidPolicyException.class, () -> production.toPolicy(1));
        assertEquals("environments.production.freezes.year-end.zone", e.field());

        FreezeWindowEntry badCron = new FreezeWindowEntry("weekend", "UTC");
        badCron.setCron("0 18 * * FRI-MON");
        badCron.setDuration("60h");
        production.setFreezes(List.of(badCron));
        e = assertThrows(InvalidPolicyException.class, () -> production.toPolicy(1));
        assertTrue(e.field(), e.field().startsWith("environments.production.freezes.weekend.cron"));

        FreezeWindowEntry badDate = new FreezeWindowEntry("year-end", "UTC");
        badDate.setStart("20.12.2026");
        badDate.setEnd("2027-01-04");
        production.setFreezes(List.of(badDate));
        e = assertThrows(InvalidPolicyException.class, () -> production.toPolicy(1));
        assertEquals("environments.production.freezes.year-end.start", e.field());
        assertEquals(FreezeWindowEntry.DATE_TIME_ALLOWED, e.allowed());
    }

    @Test
    public void blankSettersMeanDefaultsAsAnEmptyFormFieldOrAnAbsentCascKeyWould() {
        ReleaseEnvironment env = new ReleaseEnvironment("dev");
        env.setRequires(" ");
        env.setApprovers("");
        env.setApprovalTimeout(" ");
        env.setOnInconclusive("");
        env.setAllowedDeployers(" , \n");
        env.setFreezes(null);
        env.setCredentials(null);
        EnvironmentPolicy policy = env.toPolicy(1);
        assertEquals(ApprovalPolicy.NONE, policy.approval());
        assertTrue(policy.allowedDeployers().isEmpty());
        assertTrue(policy.freezes().isEmpty());
    }
}
