package io.releaseledger.engine;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.releaseledger.health.DirectProbeRunner;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Lease;
import io.releaseledger.ledger.LeaseOwner;
import io.releaseledger.ledger.ProcessIdentity;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.testing.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.Assume;
import org.junit.Test;

/**
 * A JVM that holds an environment's lease is killed with SIGKILL while its deploy body runs. Another engine on the
 * same machine, wanting the environment, does not wait for the lease's term: it sees the owner's process gone,
 * gives its body the time to stop, then takes the lease over with the next token. On both databases.
 */
public class OwnerKilledMidBodyTest extends ChildEngineOnBothStores {

    public OwnerKilledMidBodyTest(String name, Supplier<TestStore> stores) {
        super(stores);
    }

    @Test
    public void theLeaseOfAnOwnerKilledMidBodyIsGivenBackWithoutWaitingForItsTerm() throws Exception {
        Assume.assumeTrue("process identities need Linux's /proc", ProcessIdentity.current().isPresent());
        Actor actor = EngineChildProcess.ACTOR;
        ledger.registerArtifact(EngineFixture.registration("2.0.0"), actor);

        long childPid;
        try (ChildEngine child = startChild("block-body")) {
            childPid = child.pid();
            String body = child.awaitLine(line -> line.startsWith("BODY "));
            assertEquals("the child runs its body: " + child.log(), "BODY DEPLOY token=1", body);
            Lease held = ledger.currentLease("staging").orElseThrow();
            assertEquals(Duration.ofSeconds(60), held.term());
            assertEquals(childPid, held.process().pid());
            child.kill(); // SIGKILL: the owner cannot give anything back
        }
        long first = ledger.currentLease("staging").orElseThrow().releaseId();

        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        List<String> tokens = new ArrayList<>();
        ReleaseEngine next = ReleaseEngine.builder(ledger, EngineChildProcess.environments(),
                        new DirectProbeRunner(Clock.systemUTC()))
                .owner(LeaseOwner.thisProcess("next-deploy"))
                .pollInterval(Duration.ofMillis(200))
                .listener(new EngineListener() {
                    @Override
                    public void progress(Release release, String line) {
                        progress.add(line);
                    }
                })
                .build();
        Release second = next.deploy(new DeployRequest("staging", "payments-api", "2.0.0", actor, null,
                new VerificationPlan(List.of(), VerificationPolicy.DEFAULTS), null, null),
                d -> tokens.add(d.variables().get("RELEASE_LEASE_TOKEN")));

        assertEquals(ReleaseState.LIVE, second.state());
        assertEquals("the next grant's token", List.of("2"), tokens);
        assertTrue(progress.toString(), progress.stream().anyMatch(l -> l.contains("whose process (pid "
                + childPid + " on ") && l.contains("has exited; it is given back at")));
        Release interrupted = ledger.release(first);
        assertEquals(ReleaseState.INTERRUPTED, interrupted.state());
        assertThat(interrupted.reason(), containsString("has exited (pid " + childPid + " on "));
        assertThat(interrupted.reason(), containsString("without waiting for its term"));
        assertTrue(ledger.verifyChain().intact());
    }
}
