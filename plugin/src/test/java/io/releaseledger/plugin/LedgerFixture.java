package io.releaseledger.plugin;

import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.engine.DeployRequest;
import io.releaseledger.engine.ReleaseEngine;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.release.Release;
import io.releaseledger.engine.ReleaseApprovals;
import io.releaseledger.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.rules.ExternalResource;

/**
 * A real H2 ledger with staging → production, production needing one approval from bob, alice or
 * group:release-managers; payments-api 1.0.0 and 2.0.0 registered. Deploys use a body that succeeds and no
 * health checks, so nothing is probed. A test's {@code @Rule} (closed after each test), or closed by whoever made it.
 */
final class LedgerFixture extends ExternalResource implements AutoCloseable {
    static final String JOB = "team-a/payments";
    static final Actor ALICE = new Actor("alice", "https://ci.example.com/job/team-a/job/payments/7/");

    final TestStore store = TestStore.h2();
    final Ledger ledger = Ledger.open(store.config());
    final EnvironmentConfig environments = new EnvironmentConfig(List.of(
            EnvironmentPolicy.builder("staging", 1).build(),
            EnvironmentPolicy.builder("production", 2).requires("staging")
                    .approval(ApprovalPolicy.of(1, "bob", "alice", "group:release-managers")).build()));
    /** Deploys, defines and aborts as the CLI would; the fixture's deploys run no checks, so nothing probes. */
    final ReleaseEngine engine = ReleaseEngine.builder(ledger, environments, check -> {
        throw new IllegalStateException("the fixture's deploys have no health checks");
    }).build();
    /** Approvals as the plugin's pages and approvalGate record them. */
    final ReleaseApprovals approvals = PluginApprovals.of(ledger, environments);

    LedgerFixture() {
        engine.defineEnvironments(ALICE);
        for (String version : List.of("1.0.0", "2.0.0")) {
            ledger.registerArtifact(new ArtifactRegistration("payments-api", version,
                    Digest.sha256(("payments-api " + version).getBytes(StandardCharsets.UTF_8)), ArtifactKind.FILE,
                    "payments-api-" + version + ".jar", new ArtifactSource(JOB, "7", "c0ffee")), ALICE);
        }
    }

    static DeployRequest request(String environment, String version) {
        return new DeployRequest(environment, "payments-api", version, ALICE, JOB,
                new VerificationPlan(List.of(), VerificationPolicy.DEFAULTS), null, null);
    }

    /** Deploys to staging: live at once (no checks). */
    Release deployToStaging(String version) throws InterruptedException {
        return engine.deploy(request("staging", version), deployment -> { });
    }

    /** A production release awaiting approval (1.0.0 is made live in staging first). */
    Release awaitingProductionApproval() throws InterruptedException {
        deployToStaging("1.0.0");
        return approvals.request(request("production", "1.0.0"));
    }

    @Override
    public void close() throws Exception {
        ledger.close();
        store.close();
    }

    @Override
    protected void after() {
        try {
            close();
        } catch (Exception e) {
            throw new IllegalStateException("the fixture's ledger did not close", e);
        }
    }
}
