package io.releaseledger.ledger;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A process, named so that another process can tell for certain that it has exited: its machine, its pid and
 * when it started. The start time guards against pid reuse; the machine key — host name, boot id and pid
 * namespace — makes sure the pid is looked up where it means something (two containers of one host, or two
 * hosts with the same name, are different machines).
 *
 * <p>Known only on Linux, where {@code /proc} gives the boot id and pid namespace; elsewhere
 * {@link #current()} is empty and leases fall back to their expiry.
 *
 * @param machine        host name, boot id and pid namespace
 * @param pid            the process id
 * @param startedAtMillis when the process started, epoch milliseconds, as the operating system reports it
 */
public record ProcessIdentity(String machine, long pid, long startedAtMillis) {
    private static final Optional<String> THIS_MACHINE = machineKey();
    private static final Optional<ProcessIdentity> CURRENT = of(ProcessHandle.current());

    public ProcessIdentity {
        Objects.requireNonNull(machine, "machine");
    }

    /** This process, or empty where its identity cannot be told for certain. */
    public static Optional<ProcessIdentity> current() {
        return CURRENT;
    }

    /** A process of this machine (a test's child), or empty where its identity cannot be told for certain. */
    static Optional<ProcessIdentity> of(ProcessHandle process) {
        Optional<Instant> started = process.info().startInstant();
        if (THIS_MACHINE.isEmpty() || started.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProcessIdentity(THIS_MACHINE.get(), process.pid(), started.get().toEpochMilli()));
    }

    /**
     * Whether this process has certainly exited: it ran on this machine, and no process with its pid and start
     * time is running (a zombie, dead but not yet collected by its parent, counts as exited). {@code false}
     * whenever it cannot be told: another machine, or an operating system that does not say.
     */
    boolean hasExited() {
        if (THIS_MACHINE.isEmpty() || !THIS_MACHINE.get().equals(machine)) {
            return false;
        }
        Optional<ProcessHandle> running = ProcessHandle.of(pid);
        if (running.isEmpty()) {
            return true;
        }
        Optional<Instant> started = running.get().info().startInstant();
        if (started.isPresent() && started.get().toEpochMilli() != startedAtMillis) {
            return true; // the pid was reused by another process
        }
        return zombie(pid);
    }

    /** {@code pid 4242 on build-7}. */
    String describe() {
        int space = machine.indexOf(' ');
        return "pid " + pid + " on " + (space < 0 ? machine : machine.substring(0, space));
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // "pid (command) S ...": the state follows the command, which may itself contain spaces and parentheses.
            int end = stat.lastIndexOf(')');
            char state = end < 0 || end + 2 >= stat.length() ? '?' : stat.charAt(end + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return !Files.exists(Path.of("/proc", Long.toString(pid)));
        }
    }

    private static Optional<String> machineKey() {
        try {
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
            String pidNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            if (boot.isEmpty() || pidNamespace.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(hostName() + " boot " + boot + " " + pidNamespace);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not Linux, or /proc hidden: no certainty, so no shortcut
        }
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        }
        return host.replace(' ', '_');
    }
}
