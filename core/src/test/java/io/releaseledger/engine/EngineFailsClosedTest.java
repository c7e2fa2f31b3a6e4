package io.releaseledger.engine;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.LedgerUnavailableException;
import io.releaseledger.ledger.PasswordSource;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.h2.tools.Server;
import org.junit.Test;

/** When the ledger goes away mid-release, the engine stops before deploying anything unrecorded. */
public class EngineFailsClosedTest {

    @Test
    public void ledgerLostBeforeTheDeployStepMeansNothingIsDeployed() throws Exception {
        Path dir = Files.createTempDirectory("ledger-tcp-");
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/ledger";
        LedgerConfig config = new LedgerConfig(url, "sa", new PasswordSource.None(), 2, Duration.ofSeconds(2));
        EnvironmentConfig environments = new EnvironmentConfig(List.of(EnvironmentPolicy.builder("staging", 1).build()));
        try (EngineFixture f = new EngineFixture(config)) {
            ReleaseEngine engine = f.engine(environments).listener(new EngineListener() {
                @Override
                public void moved(Release release) {
                    if (release.state() == ReleaseState.APPROVED) {
                        server.stop(); // the database goes away between approval and the lease
                    }
                }
            }).build();
            engine.defineEnvironments(EngineFixture.ALICE);
            var e = assertThrows(LedgerUnavailableException.class,
                    () -> engine.deploy(f.deploy("staging", "1.0.0"), f.body()));
            assertThat(e.getMessage(), containsString("release ledger " + url));
            assertTrue("no deploy body ran unrecorded", f.deployments.isEmpty());
        }
        Server again = Server.createTcpServer("-tcpPort", String.valueOf(server.getPort()), "-baseDir",
                dir.toString()).start();
        try (var ledger = io.releaseledger.ledger.Ledger.open(config)) {
            Release r = ledger.history("staging", null, 1).releases().get(0);
            assertEquals(ReleaseState.APPROVED, r.state());
            assertTrue(ledger.verifyChain().intact());
        } finally {
            again.stop();
        }
    }
}
