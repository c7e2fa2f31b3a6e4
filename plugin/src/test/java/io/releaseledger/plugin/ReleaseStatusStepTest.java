package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.AbortException;
import io.releaseledger.artifact.Digest;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.ledger.EnvironmentStatus;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class ReleaseStatusStepTest {
    private static final Digest DIGEST = Digest.of("sha256:" + "ab".repeat(32));
    private static final Instant T = Instant.parse("2026-11-29T10:15:30Z");

    private static Release release(long id, ReleaseState state) {
        return new Release(id, "production", "payments-api", "1.4.2", DIGEST, ReleaseMode.DEPLOY, state, null, null,
                "team-a/payments#42", "https://ci.example.com/job/payments/42/", T, T, state == ReleaseState.LIVE ? T : null);
    }

    @Test
    public void whatIsLiveAndWhatIsUnderWay() {
        EnvironmentStatus status = new EnvironmentStatus("production", 3, false, null, release(41, ReleaseState.LIVE),
                List.of(release(42, ReleaseState.AWAITING_APPROVAL)));
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("releaseId", 41L);
        live.put("artifact", "payments-api");
        live.put("version", "1.4.2");
        live.put("digest", DIGEST.value());
        live.put("liveSince", "2026-11-29T10:15:30Z");
        live.put("deployedBy", "team-a/payments#42");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("environment", "production");
        expected.put("live", live);
        expected.put("degraded", false);
        expected.put("degradedReason", null);
        expected.put("inFlight", 1);
        expected.put("pendingApprovals", 1);
        assertEquals(expected, ReleaseStatusStep.status("production", Optional.of(status)));
    }

    @Test
    public void nothingRecordedYetMeansNothingLive() {
        Map<String, Object> status = ReleaseStatusStep.status("dev", Optional.empty());
        assertTrue(status.containsKey("live"));
        assertNull(status.get("live"));
        assertEquals(false, status.get("degraded"));
        assertEquals(0, status.get("inFlight"));
    }

    @Test
    public void aDegradedEnvironmentSaysWhy() {
        EnvironmentStatus status = new EnvironmentStatus("production", 3, true, "rollback of release 42 failed", null, List.of());
        Map<String, Object> map = ReleaseStatusStep.status("production", Optional.of(status));
        assertEquals(true, map.get("degraded"));
        assertEquals("rollback of release 42 failed", map.get("degradedReason"));
    }

    @Test
    public void anUnknownEnvironmentListsTheConfiguredOnes() {
        EnvironmentConfig config = new EnvironmentConfig(List.of(EnvironmentPolicy.builder("dev", 1).build(),
                EnvironmentPolicy.builder("production", 2).build()));
        AbortException e = assertThrows(AbortException.class, () -> ReleaseStatusStep.checkConfigured(config, "prod"));
        assertEquals("releaseStatus: environment 'prod' is not configured; configured: dev, production", e.getMessage());
        e = assertThrows(AbortException.class,
                () -> ReleaseStatusStep.checkConfigured(new EnvironmentConfig(List.of()), "dev"));
        assertTrue(e.getMessage(), e.getMessage().contains("none (add environments under Manage Jenkins"));
    }

    @Test
    public void theDescriptorNamesTheStep() {
        assertEquals("releaseStatus", new ReleaseStatusStep.DescriptorImpl().getFunctionName());
    }
}
