package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.releaseledger.artifact.Digest;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.web.ReleaseJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.Before;
import org.junit.Test;

/**
 * deploy, approve/reject and rollback through the packaged jar: the RELEASE_* variables, secrets
 * bound by reference and masked everywhere they could show, and the exit codes of each outcome.
 */
public class DeployFlowIT {
    private static final String SECRET = "hunter2-correct-horse";
    private static final Map<String, String> ENV = Map.of("DEV_DB_PASSWORD", SECRET);
    private Path dir;

    @Before
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("deploy-flow-it-");
        Files.writeString(dir.resolve("release-ledger.yaml"), String.join("\n",
                "environments:",
                "  dev:",
                "    credentials:",
                "      DB_PASSWORD: env:DEV_DB_PASSWORD",
                "  production:",
                "    requires: [dev]",
                "    approval: {required: 1, approvers: [bob]}",
                "  audited:",
                "    approval: {required: 1, approvers: [group:release-managers]}",
                ""));
        for (String v : new String[] {"1.0", "2.0"}) {
            Files.writeString(dir.resolve("app-" + v + ".jar"), "app " + v);
            assertEquals(0, JarProcess.run(dir, Map.of(), "register", "app", v, "app-" + v + ".jar").exitCode());
        }
    }

    @Test
    public void secretsReachTheCommandButNeverTheOutputOrTheLedger() throws Exception {
        JarProcess deploy = JarProcess.run(dir, ENV, "deploy", "dev", "app", "1.0",
                "--check-command", "echo check saw $DEV_DB_PASSWORD", "--interval", "100ms", "--success-threshold", "2",
                "--", "sh", "-c", "echo \"$RELEASE_ENVIRONMENT $RELEASE_ARTIFACT_VERSION $RELEASE_MODE pw=$DB_PASSWORD token=$RELEASE_LEASE_TOKEN\";"
                        + " printf %s \"$DB_PASSWORD\" | base64");
        assertEquals(deploy.transcript(), 0, deploy.exitCode());
        assertTrue(deploy.out(), deploy.out().contains("dev 1.0 deploy pw=**** token=1"));
        assertFalse(deploy.transcript(), deploy.transcript().contains(SECRET));
        assertFalse(deploy.transcript(), deploy.transcript().contains(
                java.util.Base64.getEncoder().encodeToString(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        JarProcess show = JarProcess.run(dir, Map.of(), "show", "1", "--json");
        assertEquals(show.transcript(), 0, show.exitCode());
        assertFalse(show.out(), show.out().contains(SECRET));
        JarProcess export = JarProcess.run(dir, Map.of(), "audit", "export");
        assertFalse(export.out(), export.out().contains(SECRET));
    }

    @Test
    public void withoutTheBoundSecretNothingStarts() throws Exception {
        JarProcess deploy = JarProcess.run(dir, Map.of(), "deploy", "dev", "app", "1.0", "--", "true");
        assertEquals(deploy.transcript(), ExitCode.BAD_INPUT, deploy.exitCode());
        assertTrue(deploy.err(), deploy.err().contains("DEV_DB_PASSWORD is not set"));
    }

    @Test
    public void anUnhealthyReleaseIsRolledBackAndExits4ThenAManualRollbackWorks() throws Exception {
        assertEquals(0, JarProcess.run(dir, ENV, "deploy", "dev", "app", "1.0", "--", "true").exitCode());
        // 2.0 fails its check; the same command redeploys 1.0 in rollback mode, which passes.
        JarProcess bad = JarProcess.run(dir, ENV, "deploy", "dev", "app", "2.0",
                "--check-command", "cat deployed | grep -q 1.0", "--interval", "100ms",
                "--", "sh", "-c", "echo $RELEASE_ARTIFACT_VERSION > deployed; echo mode=$RELEASE_MODE");
        assertEquals(bad.transcript(), ExitCode.UNHEALTHY, bad.exitCode());
        assertTrue(bad.out(), bad.out().contains("mode=rollback"));
        assertTrue(bad.out(), bad.out().contains("ROLLED_BACK"));
        assertEquals("1.0", Files.readString(dir.resolve("deployed")).strip());

        JarProcess toOld = JarProcess.run(dir, ENV, "rollback", "dev", "--to", "1.0", "--",
                "sh", "-c", "echo rolled $RELEASE_ARTIFACT_VERSION $RELEASE_MODE");
        assertEquals(toOld.transcript(), 0, toOld.exitCode());
        assertTrue(toOld.out(), toOld.out().contains("rolled 1.0 rollback"));
        JarProcess never = JarProcess.run(dir, ENV, "rollback", "dev", "--to", "2.0", "--", "true");
        assertEquals(never.transcript(), ExitCode.BAD_INPUT, never.exitCode());
    }

    @Test
    public void theApproveHintNamesTheGroupWhenTheApproversAreAGroupAndWorksAsGiven() throws Exception {
        try (JarProcess deploy = JarProcess.start(dir, Map.of(), "deploy", "audited", "app", "1.0", "--as", "alice",
                "--", "true")) {
            deploy.awaitOutput("approve with: release-ledger approve 1 --as USER --group release-managers");
            JarProcess asHinted = JarProcess.run(dir, Map.of(), "approve", "1", "--as", "bob", "--group", "release-managers");
            assertEquals(asHinted.transcript(), 0, asHinted.exitCode());
            assertEquals(deploy.transcript(), 0, deploy.exitCode());
        }
    }

    @Test
    public void historyMarksAManualRollback() throws Exception {
        assertEquals(0, JarProcess.run(dir, ENV, "deploy", "dev", "app", "1.0", "--", "true").exitCode());
        assertEquals(0, JarProcess.run(dir, ENV, "deploy", "dev", "app", "2.0", "--", "true").exitCode());
        assertEquals(0, JarProcess.run(dir, ENV, "rollback", "dev", "--", "true").exitCode());
        JarProcess history = JarProcess.run(dir, Map.of(), "history", "dev");
        List<String> lines = history.out().lines().toList();
        assertTrue(history.out(), lines.get(1).matches("3 +LIVE +app 1\\.0 \\(rollback\\) .*"));
        assertTrue(history.out(), lines.get(2).matches("2 +SUPERSEDED +app 2\\.0 +sha256.*"));
    }

    @Test
    public void jsonWritesAReleaseInTheWebApisShape() throws Exception {
        assertEquals(0, JarProcess.run(dir, ENV, "deploy", "dev", "app", "1.0", "--", "true").exitCode());
        JarProcess bad = JarProcess.run(dir, ENV, "deploy", "dev", "app", "2.0",
                "--check-command", "grep -q 1.0 deployed", "--interval", "100ms",
                "--", "sh", "-c", "echo $RELEASE_ARTIFACT_VERSION > deployed");
        assertEquals(bad.transcript(), ExitCode.UNHEALTHY, bad.exitCode());

        JarProcess show = JarProcess.run(dir, Map.of(), "show", "2", "--json");
        assertEquals(show.transcript(), 0, show.exitCode());
        @SuppressWarnings("unchecked")
        Map<String, Object> release = (Map<String, Object>) JsonMaps.read(show.out()).get("release");
        Release sample = new Release(1, "dev", "app", "1.0", Digest.sha256(new byte[0]), ReleaseMode.DEPLOY,
                ReleaseState.LIVE, null, null, "alice", "cli", Instant.EPOCH, Instant.EPOCH, null);
        assertEquals(new TreeSet<>(ReleaseJson.of(sample).keySet()), new TreeSet<>(release.keySet()));
        assertEquals("DEPLOY", release.get("mode"));
        assertEquals("ROLLED_BACK", release.get("state"));
        assertEquals("1", release.get("rollbackTargetId").toString());
        assertEquals(Instant.parse((String) release.get("requestedAt")).toEpochMilli(),
                Long.parseLong(release.get("requestedAtEpochMillis").toString()));
    }

    @Test
    public void aRejectedReleaseExits3AndAStrangerMayNotApprove() throws Exception {
        assertEquals(0, JarProcess.run(dir, ENV, "deploy", "dev", "app", "1.0", "--", "true").exitCode());
        try (JarProcess deploy = JarProcess.start(dir, Map.of(), "deploy", "production", "app", "1.0", "--as", "alice",
                "--", "sh", "-c", "touch deployed-to-production")) {
            deploy.awaitOutput("approve with: release-ledger approve 2");
            JarProcess stranger = JarProcess.run(dir, Map.of(), "approve", "2", "--as", "mallory");
            assertEquals(stranger.transcript(), ExitCode.REFUSED, stranger.exitCode());
            JarProcess self = JarProcess.run(dir, Map.of(), "approve", "2", "--as", "alice");
            assertEquals(self.transcript(), ExitCode.REFUSED, self.exitCode());
            JarProcess reject = JarProcess.run(dir, Map.of(), "reject", "2", "--as", "bob", "--comment", "not today");
            assertEquals(reject.transcript(), 0, reject.exitCode());
            assertEquals(deploy.transcript(), ExitCode.REFUSED, deploy.exitCode());
            assertTrue(deploy.out(), deploy.out().contains("REJECTED"));
        }
        assertFalse(Files.exists(dir.resolve("deployed-to-production")));
        JarProcess refused = JarProcess.run(dir, Map.of(), "deploy", "production", "app", "2.0", "--", "true");
        assertEquals(refused.transcript(), ExitCode.REFUSED, refused.exitCode());
        assertEquals(refused.transcript(), 1, refused.err().lines().count());
    }
}
