package io.releaseledger.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.releaseledger.health.DirectProbeRunner;
import io.releaseledger.health.HealthSample;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.testing.TestStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Test;

/**
 * A JVM running a deploy is killed with SIGKILL while verifying; another engine resumes the release
 * from the ledger and finishes it, keeping the samples taken before the kill. On both databases.
 */
public class EngineKilledMidVerificationTest extends ChildEngineOnBothStores {
    private HttpServer service;

    public EngineKilledMidVerificationTest(String name, Supplier<TestStore> stores) {
        super(stores);
    }

    @After
    public void stopService() {
        if (service != null) {
            service.stop(0);
        }
    }

    @Test
    public void resumedEngineFinishesAReleaseWhoseEngineWasKilledWhileVerifying() throws Exception {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        service.start();
        String healthUrl = "http://127.0.0.1:" + service.getAddress().getPort() + "/health";

        long releaseId = -1;
        try (ChildEngine child = startChild(healthUrl)) {
            String verifying = child.awaitLine(line -> line.startsWith("MOVED ") && line.endsWith(" VERIFYING"));
            if (verifying != null) {
                releaseId = Long.parseLong(verifying.split(" ")[1]);
            }
            assertTrue("the child reached VERIFYING: " + child.log(), releaseId > 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ledger.samples(releaseId, ReleaseMode.DEPLOY).size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            child.kill(); // SIGKILL in the middle of the verification
        }
        List<HealthSample> before = ledger.samples(releaseId, ReleaseMode.DEPLOY);
        assertTrue("samples before the kill: " + before.size(), before.size() >= 3 && before.size() < 10);
        assertEquals(ReleaseState.VERIFYING, ledger.release(releaseId).state());

        ReleaseEngine restarted = ReleaseEngine.builder(ledger, EngineChildProcess.environments(),
                new DirectProbeRunner(Clock.systemUTC())).owner(EngineChildProcess.OWNER).build();
        List<String> bodies = new ArrayList<>();
        Release done = restarted.resume(releaseId, d -> bodies.add(d.mode().name()), EngineChildProcess.ACTOR);

        assertEquals(ReleaseState.LIVE, done.state());
        assertEquals("verification resumed, the body did not run again", List.of(), bodies);
        List<HealthSample> after = ledger.samples(releaseId, ReleaseMode.DEPLOY);
        assertEquals(before, after.subList(0, before.size()));
        assertTrue(ledger.verifyChain().intact());
        assertTrue(ledger.currentLease("staging").isEmpty());
    }
}
