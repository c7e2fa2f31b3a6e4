package io.releaseledger.ledger;

import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.health.HealthSample;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A second JVM for the cross-process tests: it appends transitions until killed, or races the
 * parent's other children for a lease. It prints what it did only after the ledger acknowledged it.
 */
public final class LedgerChildProcess {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final Actor CHILD = new Actor("child-" + ProcessHandle.current().pid(), "test-host");

    public static void main(String[] args) throws Exception {
        LedgerConfig config = new LedgerConfig(args[1], args[2].equals("-") ? null : args[2],
                args[3].equals("-") ? new PasswordSource.None() : new PasswordSource.FromEnvironment(args[3]),
                2, Duration.ofSeconds(30));
        try (Ledger ledger = Ledger.open(config)) {
            switch (args[0]) {
                case "append" -> appendUntilKilled(ledger);
                case "lease" -> raceForLease(ledger, config, args[4], Long.parseLong(args[5]), Integer.parseInt(args[6]),
                        Long.parseLong(args[7]));
                case "hold" -> holdAndRenew(ledger, config, args[4], Long.parseLong(args[5]), Integer.parseInt(args[6]),
                        new File(args[7]));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
    }

    /** Walks release after release to LIVE; prints {@code ACK id STATE} after each commit. */
    private static void appendUntilKilled(Ledger ledger) {
        OUT.println("READY");
        for (long i = 0; ; i++) {
            String version = ProcessHandle.current().pid() + "." + i;
            ledger.registerArtifact(new ArtifactRegistration("payments-api", version,
                    Digest.sha256(version.getBytes(StandardCharsets.UTF_8)), ArtifactKind.FILE, null,
                    new ArtifactSource(null, null, null)), CHILD);
            Release r = ledger.requestRelease(ReleaseRequest.deploy("staging", "payments-api", version), CHILD);
            OUT.println("ACK " + r.id() + " " + r.state());
            for (ReleaseState to : List.of(ReleaseState.APPROVED, ReleaseState.DEPLOYING, ReleaseState.VERIFYING)) {
                r = ledger.transition(r.id(), Transition.of(r.state(), to, "child"), CHILD);
                OUT.println("ACK " + r.id() + " " + r.state());
            }
            ledger.recordSample(r.id(), new SampleRecord(ReleaseMode.DEPLOY, new HealthSample(
                    "GET http://127.0.0.1/health", HealthSample.Outcome.HEALTHY, Instant.now(), Duration.ofMillis(3),
                    "200", "200", null, 1)), CHILD);
            r = ledger.transition(r.id(), Transition.of(r.state(), ReleaseState.LIVE, "child"), CHILD);
            OUT.println("ACK " + r.id() + " " + r.state());
        }
    }

    /**
     * Takes and gives back the lease {@code rounds} times. While holding it, bumps a counter row that
     * every contender shares: seeing anything but 1 means two JVMs held the lease at once.
     */
    private static void raceForLease(Ledger ledger, LedgerConfig config, String holder, long releaseId, int rounds,
                                     long startAtMillis) throws Exception {
        int violations = 0;
        List<Long> waits = new ArrayList<>();
        try (Connection probe = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password().read());
             Statement s = probe.createStatement()) {
            probe.setAutoCommit(true);
            OUT.println("READY");
            // Every contender starts at the same instant, so they really race instead of taking turns.
            Thread.sleep(Math.max(0, startAtMillis - System.currentTimeMillis()));
            for (int held = 0; held < rounds; ) {
                LeaseAttempt attempt = ledger.acquireLease("production", holder, releaseId, Duration.ofHours(1), CHILD);
                if (attempt instanceof LeaseAttempt.Acquired acquired) {
                    s.executeUpdate("UPDATE lease_probe SET holders = holders + 1 WHERE id = 1");
                    try (ResultSet rs = s.executeQuery("SELECT holders FROM lease_probe WHERE id = 1")) {
                        rs.next();
                        if (rs.getInt(1) != 1) {
                            violations++;
                            OUT.println("VIOLATION holders=" + rs.getInt(1));
                        }
                    }
                    Thread.sleep(3);
                    s.executeUpdate("UPDATE lease_probe SET holders = holders - 1 WHERE id = 1");
                    ledger.releaseLease(acquired.lease(), CHILD);
                    held++;
                } else {
                    waits.add(1L);
                    Thread.sleep(2);
                }
            }
        }
        OUT.println("DONE violations=" + violations + " waits=" + waits.size());
    }

    /**
     * Takes the lease {@code rounds} times with a short term and holds it for a while each time, renewing it
     * every third of its term as an engine does, while the probe row counts holders. The contenders' clocks may
     * disagree (the test starts some under faketime): a lease must still never be held twice.
     */
    private static void holdAndRenew(Ledger ledger, LedgerConfig config, String holder, long releaseId, int rounds,
                                     File start) throws Exception {
        Duration ttl = Duration.ofMillis(1500);
        int violations = 0;
        int lost = 0;
        int waits = 0;
        try (Connection probe = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password().read());
             Statement s = probe.createStatement()) {
            probe.setAutoCommit(true);
            OUT.println("READY skew=" + ledger.measureClockSkew().offset().toMillis() + "ms");
            // Started together when the parent creates the file: this JVM's clock may be off by minutes.
            while (!start.exists()) {
                Thread.sleep(10);
            }
            for (int held = 0; held < rounds; ) {
                LeaseAttempt attempt = ledger.acquireLease("production", holder, releaseId, ttl, CHILD);
                if (!(attempt instanceof LeaseAttempt.Acquired acquired)) {
                    waits++;
                    Thread.sleep(20);
                    continue;
                }
                Lease lease = acquired.lease();
                s.executeUpdate("UPDATE lease_probe SET holders = holders + 1 WHERE id = 1");
                boolean holding = true;
                for (int beat = 0; beat < 4 && holding; beat++) {
                    try (ResultSet rs = s.executeQuery("SELECT holders FROM lease_probe WHERE id = 1")) {
                        rs.next();
                        if (rs.getInt(1) != 1) {
                            violations++;
                            OUT.println("VIOLATION holders=" + rs.getInt(1) + " by " + holder);
                        }
                    }
                    Thread.sleep(ttl.toMillis() / 6);
                    try {
                        lease = ledger.renewLease(lease, ttl);
                    } catch (LeaseLostException e) {
                        lost++;
                        holding = false;
                        OUT.println("LOST " + e.getMessage());
                    }
                }
                s.executeUpdate("UPDATE lease_probe SET holders = holders - 1 WHERE id = 1");
                if (holding) {
                    ledger.releaseLease(lease, CHILD);
                }
                held++;
            }
        }
        OUT.println("DONE violations=" + violations + " lost=" + lost + " waits=" + waits);
    }

    /** The command line that starts this class in a fresh JVM with the test class path. */
    static ProcessBuilder command(String... args) {
        return command(List.of(), List.of(), args);
    }

    /**
     * The command line that starts this class in a fresh JVM, after {@code prefix} (e.g. {@code faketime -f +120s})
     * and with {@code properties} ({@code -Dname=value}).
     */
    static ProcessBuilder command(List<String> prefix, List<String> properties, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-Dh2.bindAddress=127.0.0.1"); // it may take over serving the shared store
        command.addAll(properties);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LedgerChildProcess.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
