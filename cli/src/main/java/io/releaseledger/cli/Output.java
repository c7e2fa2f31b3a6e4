package io.releaseledger.cli;

import io.releaseledger.Durations;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Output for people and scripts. Results go to standard output: text, or JSON with {@code --json}.
 * Narration and progress go to standard output for people and to standard error in JSON mode, so a
 * script's standard output stays one JSON document.
 *
 * <p>A long wait (approvals, the lease, verification) shows what is waited for, the time elapsed
 * and, while verifying, when the next probe is due. On a terminal that is one line rewritten every
 * second; otherwise (CI logs, files) each change is one plain line, repeated with the time elapsed
 * every 30 seconds, never a carriage return.
 */
public final class Output {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean terminal;
    private String waitingFor;
    private Instant waitStarted;
    private Instant nextProbe;
    private boolean lineOpen;
    private String lastPrinted;
    private Instant lastPlainLine;
    /** How often a wait is reported again when the output is not a terminal. */
    static final Duration PLAIN_REMINDER = Duration.ofSeconds(30);
    private Thread ticker;

    Output(PrintStream out, PrintStream err, boolean json, boolean terminal) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.terminal = terminal;
    }

    /** Whether the result is to be JSON. */
    public boolean json() {
        return json;
    }

    /** The stream narration goes to. */
    PrintStream narration() {
        return json ? err : out;
    }

    /**
     * A line of narration ("deploying …", a health sample). A wait in progress carries on: on a
     * terminal its line is drawn again below.
     */
    public synchronized void info(String line) {
        eraseLine();
        narration().println(line);
        narration().flush();
        if (terminal && waitingFor != null) {
            redraw();
        }
    }

    /** A result line for people; ignored in JSON mode, where {@link #json(String)} gives the result. */
    public synchronized void result(String line) {
        if (!json) {
            endWait();
            out.println(line);
            out.flush();
        }
    }

    /** The JSON result: one document on standard output. */
    public synchronized void json(String document) {
        endWait();
        out.println(document);
        out.flush();
    }

    /** Starts (or changes) what is being waited for. */
    public synchronized void waiting(String what) {
        if (what.equals(waitingFor)) {
            return;
        }
        if (!terminal && !what.equals(lastPrinted)) {
            closeLine();
            narration().println(what);
            narration().flush();
            lastPrinted = what;
        }
        waitingFor = what;
        waitStarted = Instant.now();
        lastPlainLine = waitStarted;
        nextProbe = null;
        if (terminal) {
            redraw();
        }
        startTicker();
    }

    /** While verifying: when the next probe round is due. */
    public synchronized void nextProbe(Instant at) {
        this.nextProbe = at;
        if (terminal && waitingFor != null) {
            redraw();
        }
    }

    /** Ends the wait: on a terminal its line stays as it was last drawn. */
    public synchronized void endWait() {
        closeLine();
        waitingFor = null;
        nextProbe = null;
    }

    /** Removes the wait line, to print a line in its place and draw it again below. */
    private void eraseLine() {
        if (lineOpen) {
            narration().print("\r\033[K");
            lineOpen = false;
        }
    }

    private void closeLine() {
        if (lineOpen) {
            narration().println();
            lineOpen = false;
        }
    }

    private void redraw() {
        narration().print("\r" + describeWait() + "\033[K"); // \033[K clears what a longer line left behind
        narration().flush();
        lineOpen = true;
    }

    /** Not a terminal: a plain line now and then, so a CI log shows the wait is alive. */
    private void plainReminder() {
        Instant now = Instant.now();
        if (Duration.between(lastPlainLine, now).compareTo(PLAIN_REMINDER) >= 0) {
            narration().println(describeWait());
            narration().flush();
            lastPlainLine = now;
        }
    }

    private String describeWait() {
        StringBuilder line = new StringBuilder(waitingFor);
        line.append(" (").append(Durations.format(Duration.ofSeconds(
                Duration.between(waitStarted, Instant.now()).toSeconds()))).append(" elapsed");
        if (nextProbe != null) {
            long s = Math.max(0, Duration.between(Instant.now(), nextProbe).toSeconds());
            line.append(", next probe in ").append(s).append('s');
        }
        line.append(')');
        return line.toString();
    }

    private void startTicker() {
        if (ticker != null) {
            return;
        }
        ticker = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    synchronized (this) {
                        if (waitingFor != null) {
                            if (terminal) {
                                redraw();
                            } else {
                                plainReminder();
                            }
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "release-ledger-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /**
     * Where the user's deploy command writes: narration's stream, after the wait line is ended.
     * Closing it does not close standard output.
     */
    OutputStream commandOutput() {
        PrintStream target = narration();
        return new FilterOutputStream(target) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (Output.this) {
                    eraseLine();
                    target.write(b, off, len);
                }
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void close() {
                target.flush();
            }
        };
    }

    /**
     * How a command failed: one line on standard error, {@code release-ledger: …}; with {@code --json} also
     * one JSON document on standard output, {@code {"error": …, "field": …, "exitCode": …}}, so a script
     * reading standard output always gets JSON.
     *
     * @param field the offending input's name, or {@code null}
     */
    public synchronized void failure(String message, String field, int exitCode) {
        error("release-ledger: " + message);
        if (json) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("error", message);
            m.put("field", field);
            m.put("exitCode", exitCode);
            out.println(io.releaseledger.json.CanonicalJson.object(m));
            out.flush();
        }
    }

    /** An error: one line on standard error. */
    public synchronized void error(String line) {
        endWait();
        err.println(line);
        err.flush();
    }
}
