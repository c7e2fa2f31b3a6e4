package io.releaseledger.health;

import io.releaseledger.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs a {@link CommandCheck} as a child process, keeping the tail of its output. */
final class CommandProbe {
    static final int OUTPUT_LIMIT = 4096;
    // After the process ends, how long to wait for the output reader: a daemonised grandchild may
    // keep the pipe open forever, and the probe must not wait for it.
    private static final long READER_GRACE_MILLIS = 1000;

    private CommandProbe() {}

    static Finding run(CommandCheck c, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(c.argv()).redirectErrorStream(true);
        if (c.workingDirectory() != null) pb.directory(c.workingDirectory().toFile());
        pb.environment().putAll(c.environment());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            // A command that cannot start is a broken check, not evidence about the release.
            return Finding.inconclusive("could not start " + c.argv().get(0) + ": " + e.getMessage(), null);
        }
        Tail tail = new Tail(OUTPUT_LIMIT);
        Thread reader = new Thread(() -> tail.drain(process.getInputStream()), "health-command-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            process.getOutputStream().close(); // no input: a command waiting on stdin must not hang
        } catch (IOException ignored) {
            // the process may already have exited
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                int killed = killTree(process);
                reader.join(READER_GRACE_MILLIS);
                return Finding.unhealthy("timed out after " + Durations.format(timeout) + "; killed process " + process.pid()
                        + (killed > 0 ? " and " + killed + " descendant" + (killed == 1 ? "" : "s") : ""), null, tail.text());
            }
            reader.join(READER_GRACE_MILLIS);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return Finding.inconclusive("probe interrupted", null);
        }
        int exit = process.exitValue();
        String output = tail.text();
        if (exit == 0) return new Finding(HealthSample.Outcome.HEALTHY, "exit code 0", "0", output);
        return Finding.unhealthy("exit code " + exit, String.valueOf(exit), output);
    }

    /** Kills the process and every descendant; returns how many descendants there were. */
    private static int killTree(Process process) {
        // Snapshot first: once the parent dies its children are re-parented and no longer its descendants.
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return descendants.size();
    }

    /** The last {@code limit} bytes written to a stream, and how many came before them. */
    static final class Tail {
        private final byte[] ring;
        private long total;

        Tail(int limit) {
            ring = new byte[limit];
        }

        void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) append(buffer, n);
            } catch (IOException ignored) {
                // the pipe closes when the process is killed; what was read so far is kept
            }
        }

        synchronized void append(byte[] b, int n) {
            for (int k = 0; k < n; k++) {
                ring[(int) (total % ring.length)] = b[k];
                total++;
            }
        }

        synchronized String text() {
            if (total == 0) return "";
            if (total <= ring.length) return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
            int start = (int) (total % ring.length);
            byte[] ordered = new byte[ring.length];
            System.arraycopy(ring, start, ordered, 0, ring.length - start);
            System.arraycopy(ring, 0, ordered, ring.length - start, start);
            return "[" + (total - ring.length) + " earlier bytes dropped]\n" + new String(ordered, StandardCharsets.UTF_8);
        }
    }
}
