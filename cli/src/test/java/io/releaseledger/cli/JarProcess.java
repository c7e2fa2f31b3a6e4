package io.releaseledger.cli;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code release-ledger.jar} run as a separate process, as people run it. Its output is
 * collected as it comes so a test can wait for a line. The time limits only stop a hung test; no
 * test asserts on how long anything took.
 */
final class JarProcess implements AutoCloseable {
    private static final long PATIENCE_SECONDS = 120;

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final List<Thread> pumps = new ArrayList<>();

    private JarProcess(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), out));
        pumps.add(pump(process.getErrorStream(), err));
    }

    static Path jar() {
        String path = System.getProperty("release-ledger.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            fail("the packaged jar is missing (" + path + "): run the *IT tests with ./mvnw verify, after package");
        }
        return Path.of(path);
    }

    static JarProcess start(Path directory, Map<String, String> environment, String... args) throws IOException {
        return start(false, List.of(), directory, environment, args);
    }

    /**
     * Starts the tool as a terminal starts a command: in a process group of its own (setsid), whose id is its pid,
     * so that {@link #signalGroup} reaches it as Ctrl-C would.
     */
    static JarProcess startInOwnGroup(Path directory, Map<String, String> environment, String... args)
            throws IOException {
        return start(true, List.of(), directory, environment, args);
    }

    /** Runs the jar after {@code prefix}, e.g. {@code faketime -f +120s} for a machine whose clock is off. */
    static JarProcess start(List<String> prefix, Path directory, Map<String, String> environment, String... args)
            throws IOException {
        return start(false, prefix, directory, environment, args);
    }

    private static JarProcess start(boolean ownGroup, List<String> prefix, Path directory,
                                    Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (ownGroup) {
            command.add("setsid"); // not a group leader here, so setsid execs the JVM itself: same pid
        }
        command.addAll(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().remove(Context.CONFIG_VARIABLE);
        builder.environment().remove(Context.HOME_VARIABLE);
        builder.environment().putAll(environment);
        Process p = builder.start();
        p.getOutputStream().close();
        return new JarProcess(p);
    }

    /** Runs to the end and returns the finished process. */
    static JarProcess run(Path directory, Map<String, String> environment, String... args) throws Exception {
        JarProcess p = start(directory, environment, args);
        p.waitFor();
        return p;
    }

    private static Thread pump(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                into.append("[reading the output failed: ").append(e).append(']');
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    int waitFor() throws InterruptedException {
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("release-ledger did not finish; output so far:\n" + out + "\nstderr:\n" + err);
        }
        for (Thread t : pumps) {
            t.join(10_000);
        }
        return process.exitValue();
    }

    int exitCode() throws InterruptedException {
        return waitFor();
    }

    /** Waits until standard output or error contains {@code text}. */
    void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!(out.toString().contains(text) || err.toString().contains(text))) {
            if (!process.isAlive() && !(out.toString().contains(text) || err.toString().contains(text))) {
                waitFor();
                fail("release-ledger ended (exit " + process.exitValue() + ") without printing \"" + text + "\":\n"
                        + out + "\nstderr:\n" + err);
            }
            if (System.nanoTime() > deadline) {
                fail("release-ledger never printed \"" + text + "\":\n" + out + "\nstderr:\n" + err);
            }
            Thread.sleep(50);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends {@code signal} (INT, TERM, KILL…) to the tool's process group, as a terminal or a supervisor does. */
    void signalGroup(String signal) throws Exception {
        kill("-" + signal, "--", "-" + process.pid());
    }

    /** Sends {@code signal} to the tool's JVM alone (what the OOM killer or {@code kill -9 PID} does). */
    void signal(String signal) throws Exception {
        kill("-" + signal, Long.toString(process.pid()));
    }

    private static void kill(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill"));
        command.addAll(List.of(args));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            fail("kill " + String.join(" ", args) + " failed: " + said);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** For assertion messages. */
    String transcript() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
