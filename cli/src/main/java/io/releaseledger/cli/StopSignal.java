package io.releaseledger.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP, handled by the tool before the JVM starts shutting down.
 *
 * <p>Left to the JVM, these signals run the shutdown hooks at once, H2's among them: the embedded ledger was
 * closed under the release being stopped ("Database is already closed") and the release stayed in flight. So
 * the tool takes the signals itself ({@link #install}). Outside a release, a signal ends the process as the
 * JVM would (exit 128 + the signal's number), or runs what the command registered ({@link #onStop}: {@code serve}
 * stops its server). While a release is driven ({@link #drive}), a signal asks it to stop: the thread driving
 * it is interrupted where it waits — the deploy command, a probe, the pause between rounds, approvals, the
 * lease — and never inside a ledger call, where an interrupt would close H2's file under it. The engine then
 * ends the deploy command's process group, records the release ABORTED and gives the lease back; the command
 * exits 128 + the signal's number. A watchdog ends the process if that takes longer than {@link #GRACE_SECONDS}.
 */
final class StopSignal {
    private StopSignal() {}

    /** How long a stop may take before the watchdog exits anyway (docs/cli.md promises 20 s). */
    static final long GRACE_SECONDS = 20;

    /** A stop asked for by a signal. */
    record Request(String signal, int number) {
        /** 128 + the signal's number, as shells report a process ended by it: 130 for SIGINT, 143 for SIGTERM. */
        int exitCode() {
            return 128 + number;
        }

        /** How people know the signal: {@code Ctrl-C (SIGINT)}. */
        String describe() {
            return switch (signal) {
                case "INT" -> "Ctrl-C (SIGINT)";
                case "TERM" -> "SIGTERM";
                case "HUP" -> "SIGHUP (the terminal closed)";
                default -> "SIG" + signal;
            };
        }
    }

    private static final Object LOCK = new Object();
    private static volatile Request request;
    private static Thread worker;
    private static boolean waiting;
    private static Runnable onStop;
    private static PrintStream err = System.err;

    /**
     * Takes SIGINT, SIGTERM and SIGHUP from the JVM; a signal the process was started ignoring stays ignored.
     * {@code sun.misc.Signal} (module jdk.unsupported, kept for exactly this) is the JDK's only way to handle a
     * signal before the shutdown hooks run; javac warns about it, and there is no other.
     */
    static void install(PrintStream errors) {
        err = errors;
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                sun.misc.Signal.handle(signal, s -> received(new Request(s.getName(), s.getNumber())));
            } catch (IllegalArgumentException unavailable) {
                // Not on this platform, or reserved (-Xrs): the JVM's own handling stays.
            }
        }
    }

    /** The stop asked for, or {@code null}. */
    static Request request() {
        return request;
    }

    /** What a signal does while the current command runs, instead of exiting (e.g. stopping a server). */
    static void onStop(Runnable action) {
        synchronized (LOCK) {
            onStop = action;
        }
    }

    static void received(Request r) {
        Runnable action;
        boolean exitNow;
        synchronized (LOCK) {
            if (request != null) {
                err.println("release-ledger: already stopping (" + request.describe() + "); at most "
                        + GRACE_SECONDS + " s");
                err.flush();
                return;
            }
            request = r;
            action = onStop;
            exitNow = worker == null && action == null;
            if (worker != null && waiting) {
                worker.interrupt();
            }
        }
        if (exitNow) {
            System.exit(r.exitCode());
        }
        if (action != null) {
            action.run();
        }
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(GRACE_SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            err.println("release-ledger: could not finish stopping within " + GRACE_SECONDS + " s of "
                    + r.describe() + "; exiting without it");
            err.flush();
            Runtime.getRuntime().halt(r.exitCode());
        }, "release-ledger-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Runs {@code work} as the release being driven: a stop signal interrupts this thread, but only inside
     * {@link #await} (and {@link #probe}).
     *
     * @throws InterruptedException at once when a stop was asked for before the work began
     */
    static <T> T drive(Callable<T> work) throws Exception {
        synchronized (LOCK) {
            if (request != null) {
                throw stopped();
            }
            worker = Thread.currentThread();
        }
        try {
            return work.call();
        } finally {
            synchronized (LOCK) {
                worker = null;
                waiting = false;
            }
            if (request != null) {
                Thread.interrupted(); // a stop's interrupt that came too late to end a wait must not linger
            }
        }
    }

    /** A wait that may end by interruption. */
    interface Wait<T> {
        T run() throws InterruptedException;
    }

    /**
     * Waits, interruptible by a stop signal; when a stop was asked for, throws instead of waiting, and after a
     * wait that ended by itself while one was asked for.
     */
    static <T> T await(Wait<T> wait) throws InterruptedException {
        T result;
        try {
            result = during(wait);
        } catch (InterruptedException e) {
            throw request != null ? stopped() : e; // say which signal stopped it: the abort's reason quotes it
        }
        if (request != null && isWorker()) {
            throw stopped();
        }
        return result;
    }

    /**
     * Takes a probe, which a stop signal may cut short (it then reports itself interrupted); the interrupt is
     * then cleared, so that recording the probe's sample does not meet it inside the ledger.
     */
    static <T> T probe(Wait<T> probe) throws InterruptedException {
        return during(probe);
    }

    private static <T> T during(Wait<T> wait) throws InterruptedException {
        boolean mine;
        synchronized (LOCK) {
            mine = Thread.currentThread() == worker;
            if (mine) {
                if (request != null) {
                    throw stopped();
                }
                waiting = true;
            }
        }
        try {
            return wait.run();
        } finally {
            if (mine) {
                synchronized (LOCK) {
                    waiting = false;
                }
                if (request != null) {
                    Thread.interrupted();
                }
            }
        }
    }

    private static boolean isWorker() {
        synchronized (LOCK) {
            return Thread.currentThread() == worker;
        }
    }

    /** Whether a stop was asked for while this thread drives a release. */
    static boolean stopping() {
        return request != null && isWorker();
    }

    static InterruptedException stopped() {
        Request r = request;
        return new InterruptedException("release-ledger received " + (r == null ? "a stop" : r.describe()));
    }
}
