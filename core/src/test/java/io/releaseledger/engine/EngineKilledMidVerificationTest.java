package io.releaseledger.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.releaseledger.health.DirectProbeRunner;
import io.releaseledger.health.HealthSample;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.PasswordSource;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.testing.TestStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * A JVM running a deploy is killed with SIGKILL while verifying; another engine resumes the release
 * from the ledger and finishes it, keeping the samples taken before the kill. On both databases.
 */
@RunWith(Parameterized.class)
public class EngineKilledMidVerificationTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> stores() {
        return List.of(new Object[] {"h2", (Supplier<TestStore>) TestStore::h2},
                new Object[] {"postgres", (Supplier<TestStore>) TestStore::postgres});
    }

    private final Supplier<TestStore> stores;
    private TestStore store;
    private HttpServer service;

    public EngineKilledMidVerificationTest(String name, Supplier<TestStore> stores) {
        this.stores = stores;
    }

    @After
    public void cleanUp() throws Exception {
        if (service != null) {
            service.stop(0);
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    public void resumedEngineFinishesAReleaseWhoseEngineWasKilledWhileVerifying() throws Exception {
        store = stores.get();
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        service.start();
        String healthUrl = "http://127.0.0.1:" + service.getAddress().getPort() + "/health";
        LedgerConfig shared = store.sharedConfig();
        try (Ledger ledger = Ledger.open(shared)) {
            ledger.defineEnvironment("staging", 1, EngineChildProcess.ACTOR);
            ledger.registerArtifact(EngineFixture.registration("1.0.0"), EngineChildProcess.ACTOR);

            Path log = Files.createTempFile("engine-child", ".log");
            Process child = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin"
                    + File.separator + "java", "-Dh2.bindAddress=127.0.0.1", "-cp", System.getProperty("java.class.path"),
                    EngineChildProcess.class.getName(), shared.jdbcUrl(), shared.user() == null ? "-" : shared.user(),
                    shared.password() instanceof PasswordSource.FromEnvironment env ? env.variable() : "-", healthUrl)
                    .redirectError(log.toFile()).start();
            long releaseId = -1;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("MOVED ") && line.endsWith(" VERIFYING")) {
                        releaseId = Long.parseLong(line.split(" ")[1]);
                        break;
                    }
                }
                assertTrue("the child reached VERIFYING: " + Files.readString(log), releaseId > 0);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (ledger.samples(releaseId, ReleaseMode.DEPLOY).size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                child.toHandle().destroyForcibly(); // SIGKILL in the middle of the verification
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            List<HealthSample> before = ledger.samples(releaseId, ReleaseMode.DEPLOY);
            assertTrue("samples before the kill: " + before.size(), before.size() >= 3 && before.size() < 10);
            assertEquals(ReleaseState.VERIFYING, ledger.release(releaseId).state());

            ReleaseEngine restarted = ReleaseEngine.builder(ledger, EngineChildProcess.environments(),
                    new DirectProbeRunner(Clock.systemUTC())).owner(EngineChildProcess.OWNER).build();
            List<String> bodies = new java.util.ArrayList<>();
            Release done = restarted.resume(releaseId, d -> bodies.add(d.mode().name()), EngineChildProcess.ACTOR);

            assertEquals(ReleaseState.LIVE, done.state());
            assertEquals("verification resumed, the body did not run again", List.of(), bodies);
            List<HealthSample> after = ledger.samples(releaseId, ReleaseMode.DEPLOY);
            assertEquals(before, after.subList(0, before.size()));
            assertTrue(ledger.verifyChain().intact());
            assertTrue(ledger.currentLease("staging").isEmpty());
        }
    }
}
