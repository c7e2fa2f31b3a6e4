package io.releaseledger.health;

import static io.releaseledger.health.HealthSample.Outcome.HEALTHY;
import static io.releaseledger.health.HealthSample.Outcome.INCONCLUSIVE;
import static io.releaseledger.health.HealthSample.Outcome.UNHEALTHY;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Command probes with real processes. */
public class CommandCheckTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final DirectProbeRunner runner = new DirectProbeRunner(Clock.systemUTC());

    @Test
    public void exitZeroIsHealthyAndOutputIsKept() {
        HealthSample s = runner.probe(CommandCheck.of("sh", "-c", "echo smoke ok"));
        assertEquals(HEALTHY, s.outcome());
        assertEquals("smoke ok\n", s.detail());
        assertEquals("sh -c echo smoke ok", s.check());
    }

    @Test
    public void nonZeroExitIsUnhealthyWithTheExitCodeAndStandardError() {
        HealthSample s = runner.probe(CommandCheck.of("sh", "-c", "echo 'db unreachable' >&2; exit 3"));
        assertEquals(UNHEALTHY, s.outcome());
        assertEquals("exit code 3", s.reason());
        assertEquals("3", s.observed());
        assertEquals("db unreachable\n", s.detail());
    }

    @Test
    public void sleepingCommandIsKilledOnTimeoutWithItsDescendants() throws Exception {
        Path pidFile = tmp.getRoot().toPath().resolve("child.pid");
        long started = System.nanoTime();
        HealthSample s = runner.probe(CommandCheck.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; echo started; wait")
                .withTimeout(Duration.ofSeconds(1)));
        assertTrue("probe must not hang", System.nanoTime() - started < TimeUnit.SECONDS.toNanos(20));
        assertEquals(UNHEALTHY, s.outcome());
        assertTrue(s.reason(), s.reason().startsWith("timed out after 1s; killed process "));
        assertTrue(s.reason(), s.reason().endsWith(" and 1 descendant"));
        assertEquals("started\n", s.detail());
        long child = Long.parseLong(Files.readString(pidFile).strip());
        // The kill is asynchronous; give the kernel a moment, bounded.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse("the sleeping grandchild must be killed too", ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    public void outputIsBoundedToItsLastFourKibibytes() {
        HealthSample s = runner.probe(CommandCheck.of("sh", "-c", "i=0; while [ $i -lt 3000 ]; do echo line$i; i=$((i+1)); done"));
        assertEquals(HEALTHY, s.outcome());
        assertTrue(s.detail(), s.detail().startsWith("["));
        assertTrue(s.detail(), s.detail().contains(" earlier bytes dropped]\n"));
        assertTrue(s.detail().endsWith("line2999\n"));
        assertFalse(s.detail().contains("line10\n"));
        assertTrue(s.detail().length() <= CommandProbe.OUTPUT_LIMIT + 64);
    }

    @Test
    public void maskerIsAppliedToKeptOutput() {
        DirectProbeRunner masking = new DirectProbeRunner(Clock.systemUTC(), SecretResolver.none(), t -> t.replace("hunter2", "****"));
        HealthSample s = masking.probe(CommandCheck.of("sh", "-c", "echo password=hunter2; exit 1"));
        assertEquals("password=****\n", s.detail());
    }

    @Test
    public void workingDirectoryAndEnvironmentAreApplied() throws Exception {
        Path dir = tmp.newFolder("work").toPath().toRealPath();
        HealthSample s = runner.probe(CommandCheck.of("sh", "-c", "pwd; echo \"$RELEASE_ENVIRONMENT\"")
                .inDirectory(dir).withEnvironment("RELEASE_ENVIRONMENT", "staging"));
        assertEquals(dir + "\nstaging\n", s.detail());
    }

    @Test
    public void commandThatCannotStartIsInconclusive() {
        HealthSample s = runner.probe(CommandCheck.of("/nonexistent/smoke-test"));
        assertEquals(INCONCLUSIVE, s.outcome());
        assertTrue(s.reason(), s.reason().startsWith("could not start /nonexistent/smoke-test"));
    }

    @Test
    public void commandReadingStandardInputDoesNotHang() {
        HealthSample s = runner.probe(CommandCheck.of("cat").withTimeout(Duration.ofSeconds(10)));
        assertEquals(s.reason(), HEALTHY, s.outcome());
    }
}
