package io.releaseledger.engine;

import io.releaseledger.artifact.Artifact;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.health.Sleeper;
import io.releaseledger.ledger.Actor;
import io.releaseledger.notify.Notification;
import io.releaseledger.notify.Notifier;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.secrets.SecretMask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hosts one {@link ReleaseRun} in the calling thread, as {@link ReleaseEngine} runs it for the command line and tests:
 * the run's timers are a queue this thread works through, sleeping until each is due with the engine's
 * {@link Sleeper} (which a test may make virtual), and the body runs in this thread too. Only the lease heartbeat
 * has threads of its own. An interrupt of this thread (Ctrl-C, SIGTERM) stops the run: the release is recorded
 * {@code ABORTED} and the interrupt is thrown on.
 */
final class InThreadHost implements RunHost, RunListener {
    private final Clock clock;
    private final Sleeper sleeper;
    private final DeployAction action;
    private final HealthProbeRunner probes;
    private final Notifier notifier;
    private final EngineListener listener;
    private final SecretMask mask;
    private final Actor actor;
    private final Thread thread = Thread.currentThread();
    private final PriorityQueue<Due> queue = new PriorityQueue<>();
    /** Two threads: the lease's deadline watch goes on while a renewal hangs. */
    private final ScheduledExecutorService heartbeat = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "release-ledger-lease-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private long sequence;
    private ReleaseRun run;
    private volatile boolean ended;
    private volatile Release settled;
    private volatile Throwable failure;
    /** This host interrupted its own thread, to wake it or to stop the body: not a request to stop. */
    private volatile boolean selfInterrupted;
    /** The thread sleeps for a timer, or runs the body: where an interrupt from the heartbeat may reach it. */
    private volatile boolean interruptible;

    InThreadHost(Clock clock, Sleeper sleeper, DeployAction action, HealthProbeRunner probes, Notifier notifier,
                 EngineListener listener, SecretMask mask, Actor actor) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.action = action;
        this.probes = probes;
        this.notifier = notifier;
        this.listener = listener;
        this.mask = mask;
        this.actor = actor;
    }

    /**
     * Runs {@code run} from {@code first} until it ends, in this thread.
     *
     * @return the release as it settled
     * @throws InterruptedException when this thread was interrupted (the release is recorded ABORTED)
     */
    Release drive(ReleaseRun run, Consumer<ReleaseRun> first) throws InterruptedException {
        this.run = run;
        try {
            first.accept(run);
            while (!ended) {
                Due next;
                synchronized (this) {
                    next = queue.poll();
                }
                if (next == null) {
                    throw new IllegalStateException("release " + run.releaseId() + " has nothing left to wait for,"
                            + " yet has not settled");
                }
                try {
                    run.coverLeaseUntil(next.at);
                    waitUntil(next.at);
                } catch (InterruptedException e) {
                    if (!ended) run.stop(e);
                    break;
                }
                if (ended) break;
                if (!next.cancelled) next.task.run();
            }
        } finally {
            heartbeat.shutdown(); // a renewal under way is let finish: an interrupt inside H2 closes its file
        }
        if (selfInterrupted) Thread.interrupted();
        return outcome();
    }

    /**
     * Sleeps until {@code at}; the only time, besides the body, that this host interrupts its own thread: never while
     * the thread may be inside a ledger call, where an interrupt would close an embedded store's file.
     */
    private void waitUntil(Instant at) throws InterruptedException {
        interruptible = true;
        try {
            if (!ended) sleeper.sleepUntil(at);
        } finally {
            interruptible = false;
        }
        if (selfInterrupted && ended) Thread.interrupted(); // a wake-up that came as the sleep ended
    }

    private Release outcome() throws InterruptedException {
        Throwable e = failure;
        if (e == null) return settled;
        if (e instanceof InterruptedException ie) throw ie;
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
        throw new IllegalStateException(e.getMessage(), e);
    }

    // --- the run's host ------------------------------------------------------------------------------

    @Override
    public synchronized RunHost.Timer at(Instant at, Runnable task) {
        Due due = new Due(at, sequence++, task);
        queue.add(due);
        return () -> {
            synchronized (InThreadHost.this) {
                due.cancelled = true;
                queue.remove(due);
            }
        };
    }

    @Override
    public RunHost.Timer every(Duration period, Runnable task) {
        long ms = Math.max(1, period.toMillis());
        Future<?> f = heartbeat.scheduleAtFixedRate(task, ms, ms, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public RunHost.Body startBody(Release release, Deployment deployment) {
        Artifact artifact = deployment.artifact();
        listener.progress(release, (deployment.mode() == ReleaseMode.DEPLOY ? "deploying " : "rolling back to ")
                + artifact.coordinates() + " (" + artifact.digest().shortForm() + ") in " + release.environment());
        BodyTask body = new BodyTask(deployment);
        body.timer = at(clock.instant(), body);
        return body;
    }

    /** The deploy, in this thread; cancelling it interrupts this thread while it runs. */
    private final class BodyTask implements Runnable, RunHost.Body {
        private final Deployment deployment;
        private volatile boolean running;
        private volatile boolean cancelled;
        private RunHost.Timer timer;

        BodyTask(Deployment deployment) {
            this.deployment = deployment;
        }

        @Override
        public void run() {
            Throwable outcome = null;
            running = true;
            interruptible = true;
            try {
                if (cancelled) throw new InterruptedException("the body was cancelled before it started");
                action.deploy(deployment);
            } catch (Exception e) {
                outcome = e;
            } finally {
                interruptible = false;
                running = false;
            }
            if (selfInterrupted) Thread.interrupted(); // the cancel's interrupt, if the body ended before it landed
            run.bodyEnded(outcome);
        }

        @Override
        public void cancel(Throwable cause) {
            cancelled = true;
            timer.cancel();
            if (running && interruptible) {
                selfInterrupted = true;
                thread.interrupt();
            }
        }
    }

    @Override
    public HealthProbeRunner probes() {
        return probes;
    }

    @Override
    public SecretMask mask() {
        return mask;
    }

    @Override
    public void notify(Notification notification) {
        notifier.notify(notification);
    }

    @Override
    public String abortedBy() {
        return actor.name();
    }

    @Override
    public String abortReason(Throwable cause) {
        // The interrupt's message says who stopped it, when the command line gives one ("… received Ctrl-C (SIGINT)").
        String said = cause == null ? null : cause.getMessage();
        return "the engine running it was interrupted" + (said == null || said.isBlank() ? "" : ": " + said);
    }

    @Override
    public void settled(Release release) {
        settled = release;
        end();
    }

    @Override
    public void stopped(Throwable cause) {
        failed(cause);
    }

    @Override
    public void failed(Throwable error) {
        failure = error;
        end();
    }

    /**
     * Ended from the heartbeat's thread (a lost lease): this thread may be asleep, so wake it. When it is inside a task
     * instead, it sees the end when the task returns.
     */
    private void end() {
        ended = true;
        if (Thread.currentThread() != thread && interruptible) {
            selfInterrupted = true;
            thread.interrupt();
        }
    }

    // --- what people see -------------------------------------------------------------------------------

    @Override
    public void moved(Release release) {
        listener.moved(release);
    }

    @Override
    public void waiting(Release release, String line) {
        listener.progress(release, line);
    }

    /** A timer: due at {@code at}, in the order set. */
    private static final class Due implements Comparable<Due> {
        final Instant at;
        final long sequence;
        final Runnable task;
        volatile boolean cancelled;

        Due(Instant at, long sequence, Runnable task) {
            this.at = at;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public int compareTo(Due other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
