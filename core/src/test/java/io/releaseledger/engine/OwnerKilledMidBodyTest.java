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
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.PasswordSource;
import io.releaseledger.ledger.ProcessIdentity;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.testing.TestStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * A JVM that holds an environment's lease is killed with SIGKILL while its deploy body runs. Another engine on the
 * same machine, wanting the environment, does not wait for the lease's term: it sees the owner's process gone,
 * gives its body the time to stop, then takes the lease over with the next token. On both databases.
 */
@RunWith(Parameterized.class)
public class OwnerKilledMidBodyTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> stores() {
        return List.of(new Object[] {"h2", (Supplier<TestStore>) TestStore::h2},
                new Object[] {"postgres", (Supplier<TestStore>) TestStore::postgres});
    }

    private final Supplier<TestStore> stores;
    private TestStore store;

    public OwnerKilledMidBodyTest(String name, Supplier<TestStore> stores) {
        this.stores = stores;
    }

    @After
    public void cleanUp() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    @Test
    public void theLeaseOfAnOwnerKilledMidBodyIsGivenBackWithoutWaitingForItsTerm() throws Exception {
        Assume.assumeTrue("process identities need Linux's /proc", ProcessIdentity.current().isPresent());
        store = stores.get();
        LedgerConfig shared = store.sharedConfig();
        Actor actor = EngineChildProcess.ACTOR;
        try (Ledger ledger = Ledger.open(shared)) {
            ledger.defineEnvironment("staging", 1, actor);
            ledger.registerArtifact(EngineFixture.registration("1.0.0"), actor);
            ledger.registerArtifact(EngineFixture.registration("2.0.0"), actor);

            Path log = Files.createTempFile("engine-child", ".log");
            Process child = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin"
                    + File.separator + "java", "-Dh2.bindAddress=127.0.0.1", "-cp", System.getProperty("java.class.path"),
                    EngineChildProcess.class.getName(), shared.jdbcUrl(), shared.user() == null ? "-" : shared.user(),
                    shared.password() instanceof PasswordSource.FromEnvironment env ? env.variable() : "-", "block-body")
                    .redirectError(log.toFile()).start();
            String body = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("BODY ")) {
                        body = line;
                        break;
                    }
                }
                assertEquals("the child runs its body: " + Files.readString(log), "BODY DEPLOY token=1", body);
                Lease held = ledger.currentLease("staging").orElseThrow();
                assertEquals(Duration.ofSeconds(60), held.term());
                assertEquals(child.pid(), held.process().pid());
                child.toHandle().destroyForcibly(); // SIGKILL: the owner cannot give anything back
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
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
                    + child.pid() + " on ") && l.contains("has exited; it is given back at")));
            Release interrupted = ledger.release(first);
            assertEquals(ReleaseState.INTERRUPTED, interrupted.state());
            assertThat(interrupted.reason(), containsString("has exited (pid " + child.pid() + " on "));
            assertThat(interrupted.reason(), containsString("without waiting for its term"));
            assertTrue(ledger.verifyChain().intact());
        }
    }
}
