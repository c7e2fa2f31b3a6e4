package io.releaseledger.ledger;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.Digest;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.Test;

/** When the store cannot be reached or written, the ledger refuses, names the store and the cause, and writes nothing. */
public class LedgerFailsClosedTest {
    private static final Actor CI = new Actor("ci", "https://ci.example.com/job/x/1/");

    @Test
    public void unreachableStoreIsNamedWhenOpening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        LedgerConfig config = LedgerConfig.postgres("jdbc:postgresql://127.0.0.1:" + port + "/ledger", "ci",
                new PasswordSource.None()).withConnectionTimeout(Duration.ofSeconds(2));
        var e = assertThrows(LedgerUnavailableException.class, () -> Ledger.open(config));
        assertThat(e.getMessage(), containsString("release ledger jdbc:postgresql://127.0.0.1:" + port + "/ledger"));
        assertThat(e.getMessage(), containsString("Connection"));
    }

    @Test
    public void storeLostMidReleaseRefusesTheTransitionAndKeepsTheLastRecordedState() throws Exception {
        Path dir = Files.createTempDirectory("ledger-tcp-");
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/ledger";
        LedgerConfig config = new LedgerConfig(url, "sa", new PasswordSource.None(), 2, Duration.ofSeconds(2));
        long releaseId;
        try (Ledger ledger = Ledger.open(config)) {
            ledger.defineEnvironment("production", 1, CI);
            ledger.registerArtifact(new ArtifactRegistration("payments-api", "1.0.0", Digest.sha256(new byte[] {7}),
                    ArtifactKind.FILE, null, null), CI);
            Release r = ledger.requestRelease(ReleaseRequest.deploy("production", "payments-api", "1.0.0"), CI);
            releaseId = r.id();
            ledger.transition(r.id(), Transition.of(ReleaseState.REQUESTED, ReleaseState.APPROVED, "no approvals"), CI);

            server.stop();
            var e = assertThrows(LedgerUnavailableException.class, () -> ledger.transition(releaseId,
                    Transition.of(ReleaseState.APPROVED, ReleaseState.DEPLOYING, "lease held"), CI));
            assertThat(e.getMessage(), containsString("release ledger " + url + " could not record release "
                    + releaseId + " moving to DEPLOYING"));
            assertThat(e.getMessage(), containsString("nothing proceeds"));
        }

        server = Server.createTcpServer("-tcpPort", String.valueOf(server.getPort()), "-baseDir", dir.toString()).start();
        try (Ledger ledger = Ledger.open(config)) {
            assertEquals(ReleaseState.APPROVED, ledger.release(releaseId).state());
            assertTrue(ledger.verifyChain().intact());
        } finally {
            server.stop();
        }
    }
}
