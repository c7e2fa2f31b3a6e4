package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Signals as a terminal, {@code kill}, systemd or a CI runner send them, to the tool's process group while a
 * release runs: Ctrl-C and SIGTERM end the deploy command's process group, record the release ABORTED and give
 * the lease back before the tool exits 130 / 143; SIGKILL, which the tool never sees, still ends the deploy
 * command (its supervisor notices). On the embedded H2 ledger and on PostgreSQL. Ordering uses files the deploy
 * command writes, never sleeps.
 */
public class StopSignalIT extends OnBothStores {
    /** The deploy command: writes its pid (that of the sleep it becomes), then runs as long as a slow rollout. */
    private static final String[] LONG_BODY = {"--", "sh", "-c", "echo $$ > body.pid; exec sleep 90"};


    public StopSignalIT(String storeName) {
        super(storeName, "stop-signal-it-", STAGING);
    }


    @Test
    public void ctrlCDuringTheDeployCommandEndsItRecordsAbortedAndGivesTheLeaseBack() throws Exception {
        try (JarProcess deploy = JarProcess.startInOwnGroup(dir, Map.of(), deploy(LONG_BODY))) {
            long body = awaitPid(deploy);
            deploy.signalGroup("INT");
            assertEquals(deploy.transcript(), 130, deploy.exitCode());
            assertFalse("the deploy command must be ended before the tool exits", alive(body));
            assertTrue(deploy.err(), deploy.err().contains("stopped by Ctrl-C (SIGINT): release 1 (app 1.0 in staging)"
                    + " is ABORTED; the deploy command was ended and the lease given back"));
            assertEquals(deploy.transcript(), 1, deploy.err().lines().count());
        }
        assertStoppedAndFree("Ctrl-C (SIGINT)");
    }

    @Test
    public void sigtermWhileVerifyingRecordsAbortedAndGivesTheLeaseBack() throws Exception {
        try (JarProcess deploy = JarProcess.startInOwnGroup(dir, Map.of(), deploy("--check-command", "touch probed",
                "--interval", "1h", "--max-duration", "2h", "--success-threshold", "2", "--", "true"))) {
            awaitFile(dir.resolve("probed"), deploy);
            deploy.awaitOutput("healthy: ");
            deploy.signalGroup("TERM");
            assertEquals(deploy.transcript(), 143, deploy.exitCode());
            assertTrue(deploy.err(), deploy.err().contains("stopped by SIGTERM: release 1 (app 1.0 in staging) is ABORTED"));
        }
        assertStoppedAndFree("SIGTERM");
    }

    @Test
    public void sigtermDuringTheDeployCommandWithJsonGivesTheErrorAsJson() throws Exception {
        try (JarProcess deploy = JarProcess.startInOwnGroup(dir, Map.of(), deploy(true, LONG_BODY))) {
            long body = awaitPid(deploy);
            deploy.signalGroup("TERM");
            assertEquals(deploy.transcript(), 143, deploy.exitCode());
            assertFalse(alive(body));
            assertTrue(deploy.out(), deploy.out().strip().startsWith("{\"error\":\"stopped by SIGTERM: release 1"));
            assertTrue(deploy.out(), deploy.out().contains("\"exitCode\":143"));
        }
        assertStoppedAndFree("SIGTERM");
    }

    @Test
    public void sigkillOfTheToolAloneStillEndsItsDeployCommand() throws Exception {
        try (JarProcess deploy = JarProcess.startInOwnGroup(dir, Map.of(), deploy(LONG_BODY))) {
            long body = awaitPid(deploy);
            deploy.signal("KILL");
            deploy.exitCode();
            awaitGone(body);
        }
    }

    @Test
    public void sigkillOfTheToolsWholeProcessGroupStillEndsItsDeployCommand() throws Exception {
        try (JarProcess deploy = JarProcess.startInOwnGroup(dir, Map.of(), deploy(LONG_BODY))) {
            long body = awaitPid(deploy);
            deploy.signalGroup("KILL");
            deploy.exitCode();
            awaitGone(body);
        }
    }

    private static String[] deploy(String... rest) {
        return deploy(false, rest);
    }

    private static String[] deploy(boolean json, String... rest) {
        String[] head = json ? new String[] {"deploy", "--json", "staging", "app", "1.0"}
                : new String[] {"deploy", "staging", "app", "1.0"};
        String[] all = new String[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    /** Release 1 is ABORTED, saying by which signal, and the lease is free: the next deploy does not wait. */
    private void assertStoppedAndFree(String signal) throws Exception {
        JarProcess show = JarProcess.run(dir, Map.of(), "show", "1", "--json");
        assertEquals(show.transcript(), 0, show.exitCode());
        assertTrue(show.out(), show.out().contains("\"state\":\"ABORTED\""));
        assertTrue(show.out(), show.out().contains("received " + signal));
        JarProcess next = JarProcess.run(dir, Map.of(), "deploy", "staging", "app", "1.0", "--", "true");
        assertEquals(next.transcript(), 0, next.exitCode());
        assertFalse(next.transcript(), next.transcript().contains("waiting for staging"));
        JarProcess audit = JarProcess.run(dir, Map.of(), "audit", "verify");
        assertEquals(audit.transcript(), 0, audit.exitCode());
    }

    private long awaitPid(JarProcess owner) throws Exception {
        Path file = dir.resolve("body.pid");
        awaitFile(file, owner);
        String pid = "";
        while (pid.isEmpty()) { // written by echo: may be seen empty for an instant
            pid = Files.readString(file).strip();
        }
        return Long.parseLong(pid);
    }

    private static void awaitFile(Path file, JarProcess owner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(file)) {
            if (!owner.alive() || System.nanoTime() > deadline) {
                fail("the deploy command never wrote " + file.getFileName() + ":\n" + owner.transcript());
            }
            Thread.sleep(20);
        }
    }

    /** Whether the process runs; a zombie (ended, its status not yet collected by whoever inherited it) does not. */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    /** Waits (the supervisor acts when it sees its input end) for the deploy command to be gone. */
    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (alive(pid)) {
            if (System.nanoTime() > deadline) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                fail("the deploy command (pid " + pid + ") outlived the tool that owned its lease");
            }
            Thread.sleep(50);
        }
    }
}
