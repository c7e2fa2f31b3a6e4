package io.releaseledger.plugin;

import com.sun.net.httpserver.HttpServer;
import hudson.util.ClassLoaderSanityThreadFactory;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.notify.Notifier;
import io.releaseledger.plugin.agent.ProbeOnAgent;
import io.releaseledger.plugin.agent.StepProbes;
import io.releaseledger.plugin.credentials.ResolvedCredential;
import io.releaseledger.secrets.SecretMask;
import io.releaseledger.testing.TestStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.util.ContextResettingExecutorService;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The steps' surroundings for offline tests: a real H2 ledger, real time with short waits, a real HTTP service on
 * 127.0.0.1 whose health a test sets (and which a test can hold up), credentials by id, secret files in a temporary
 * folder, and probes sent through Java serialization as they would cross an agent's channel. Its scheduler's and its
 * pool for blocking work's threads are named apart ({@link #SCHEDULER_THREADS}, {@link #BLOCKING_THREADS}), so a test
 * can tell where something ran.
 */
final class TestHost extends PluginRuntime implements AutoCloseable {
    static final Actor CI = new Actor("payments/build#3", "payments/build#3");
    static final String SCHEDULER_THREADS = "test-scheduler-";
    static final String BLOCKING_THREADS = "test-blocking-work-";

    final TestStore store = TestStore.h2();
    final Ledger ledger;
    final Map<String, ResolvedCredential> credentials = new ConcurrentHashMap<>();
    final List<String> deletedFiles = new ArrayList<>();
    final Path secretDir;
    final HttpServer service;
    final AtomicInteger health = new AtomicInteger(200);
    final AtomicInteger probesSent = new AtomicInteger();
    /** The threads probes were sent from (in Jenkins: the thread that calls the agent), one entry per probe. */
    final List<String> probeThreads = new CopyOnWriteArrayList<>();
    /** While set and not counted down, {@code /health} holds every request: a service as slow as the test wants. */
    volatile CountDownLatch healthHeld;
    /** Requests {@code /health} is holding now. */
    final AtomicInteger healthRequestsHeld = new AtomicInteger();
    /** The controller's current life: its timer and pool; a restart ends it and starts another. */
    private volatile Life life = new Life();
    volatile EnvironmentConfig environments;
    volatile boolean workspace = true;
    /** The build's rollback request from the Releases page, if a test sets one. */
    volatile RollbackRequestAction rollbackRequested;
    /** What the steps listed on the build's page: release id → note ("" for none), in order. */
    final Map<Long, String> buildPage = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    /** The releases the build's approval gates opened, as {@link ReleasesBuildAction} keeps them; tests add to it. */
    final List<Long> approvalGates = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The webhooks as configured globally, and the global secret text credentials they read, by id. */
    volatile List<ReleaseWebhook> webhooks = List.of();
    final Map<String, String> secretTexts = new ConcurrentHashMap<>();

    TestHost(EnvironmentPolicy... policies) throws IOException {
        // As in Jenkins, on a thread whose context class loader is core's (PluginLedger opens it on first use there).
        ledger = opened(life.blockingWork, store.config());
        environments = new EnvironmentConfig(List.of(policies));
        for (EnvironmentPolicy p : policies) ledger.defineEnvironment(p.name(), p.order(), CI);
        for (String v : List.of("1.0.0", "2.0.0")) {
            ledger.registerArtifact(new ArtifactRegistration("payments-api", v,
                    Digest.sha256(("payments-api " + v).getBytes(StandardCharsets.UTF_8)), ArtifactKind.FILE,
                    "s3://builds/payments-api-" + v + ".jar", new ArtifactSource("payments/build", "3", "c0ffee")), CI);
        }
        secretDir = Files.createTempDirectory("release-ledger-secrets-");
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/health", exchange -> {
            CountDownLatch held = healthHeld;
            if (held != null) {
                healthRequestsHeld.incrementAndGet();
                try {
                    held.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    healthRequestsHeld.decrementAndGet();
                }
            }
            int status = health.get();
            byte[] body = ("{\"status\":\"" + (status == 200 ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
        PluginRuntime.install(this);
    }

    /**
     * One life of the controller: a scheduler as {@code jenkins.util.Timer} (its threads' context class loader is
     * Jenkins core's) and a pool for blocking work as {@code Computer.threadPoolForRemoting} (core's context class
     * loader, given back after each task). Once the controller goes down ({@link #restartController}) the life is
     * {@linkplain #gone gone}: work its threads hand on is dropped, never run, as in a JVM that no longer exists.
     */
    private static final class Life {
        /** The life whose thread this is, for threads of a {@link Life}'s executors. */
        static final ThreadLocal<Life> OF_THREAD = new ThreadLocal<>();
        final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, named(SCHEDULER_THREADS));
        private final ThreadPoolExecutor threads = (ThreadPoolExecutor) Executors.newCachedThreadPool(named(BLOCKING_THREADS));
        final ExecutorService blockingWork = new ContextResettingExecutorService(threads);
        volatile boolean gone;

        private ThreadFactory named(String prefix) {
            AtomicInteger n = new AtomicInteger();
            return new ClassLoaderSanityThreadFactory(task -> {
                Thread t = new Thread(() -> {
                    OF_THREAD.set(this);
                    task.run();
                }, prefix + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        /** Whether the calling thread belongs to a life that is gone. */
        static boolean callerGone() {
            Life of = OF_THREAD.get();
            return of != null && of.gone;
        }

        void shutdownNow() {
            scheduler.shutdownNow();
            blockingWork.shutdownNow();
        }
    }

    private static Ledger opened(ExecutorService pool, io.releaseledger.ledger.LedgerConfig config) throws IOException {
        try {
            return pool.submit(() -> Ledger.open(config)).get(1, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the ledger did not open", e);
        }
    }

    String healthUrl() {
        return "http://127.0.0.1:" + service.getAddress().getPort() + "/health";
    }

    @Override
    Ledger ledger() {
        return ledger;
    }

    @Override
    EnvironmentConfig environments() {
        return environments;
    }

    @Override
    Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    ScheduledExecutorService scheduler() {
        return Life.callerGone() ? goneScheduler : life.scheduler;
    }

    /** While set and not counted down, work handed to {@link #blockingWork()} waits before it begins. */
    volatile CountDownLatch blockingWorkHeld;

    @Override
    Executor blockingWork() {
        if (Life.callerGone()) return task -> { };
        Life current = life;
        return task -> current.blockingWork.execute(() -> {
            CountDownLatch held = blockingWorkHeld;
            try {
                if (held != null) held.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (current.gone) return; // handed on, or held, until the controller went down: it never ran
            task.run();
        });
    }

    @Override
    String owner() {
        return "test-controller";
    }

    @Override
    Duration leaseTtl() {
        return Duration.ofSeconds(5);
    }

    @Override
    Duration pollInterval() {
        return Duration.ofMillis(50);
    }

    /** As in Jenkins ({@link ReleaseLedgerConfiguration#notifier}), with Jenkins at https://ci.example.com/ and one sender. */
    @Override
    Notifier notifier(SecretMask mask) {
        return new WebhookFanOut(webhooks, secretTexts::get, mask, "https://ci.example.com/", Runnable::run);
    }

    @Override
    BuildOrigin origin(StepContext context) {
        return new BuildOrigin("payments/deploy", "payments/deploy#7", null, null);
    }

    @Override
    ResolvedCredential.Source credentials(StepContext context) {
        return id -> {
            ResolvedCredential c = credentials.get(id);
            if (c == null) {
                throw new io.releaseledger.InvalidInputException("credentialsId", id, "no credential with this id is"
                        + " available to this build");
            }
            return c;
        };
    }

    @Override
    BodyBindings.SecretFiles secretFiles(StepContext context) {
        if (!workspace) return null;
        return (name, content) -> {
            Path file = Files.createTempFile(secretDir, "release-ledger-", "-" + name);
            Files.write(file, content);
            return file.toString();
        };
    }

    @Override
    void deleteSecretFiles(StepContext context, List<String> paths) throws IOException {
        for (String p : paths) {
            Files.deleteIfExists(Path.of(p));
            synchronized (deletedFiles) {
                deletedFiles.add(p);
            }
        }
    }

    @Override
    HealthProbeRunner probes(StepContext context) {
        // As over an agent's channel: the callable and its answer are serialized.
        return new StepProbes(credentials(context), probe -> {
            probesSent.incrementAndGet();
            probeThreads.add(Thread.currentThread().getName());
            ProbeOnAgent sent = roundTrip(probe);
            return roundTrip(sent.call());
        }, null, clock());
    }

    @Override
    RollbackRequestAction rollbackRequest(StepContext context) {
        return rollbackRequested;
    }

    @Override
    void recordApprovalGate(StepContext context, long releaseId, String message) {
        approvalGates.add(releaseId);
    }

    @Override
    String startedBy(StepContext context) {
        return "alice";
    }

    @Override
    String rootUrl() {
        return "https://ci.example.com/";
    }

    @Override
    void recordRelease(StepContext context, long releaseId, String message) {
        buildPage.put(releaseId, message == null ? "" : message);
    }

    @Override
    List<Long> approvalGateReleases(StepContext context) {
        return List.copyOf(approvalGates);
    }

    /** How the controller went down. */
    enum Restart {
        /**
         * A safe restart (Prepare for Shutdown, then restart): Pipeline writes every program as it stands
         * ({@code CpsThreadGroup} terminating), so the execution comes back as it was.
         */
        SAFE,
        /**
         * It died (killed, out of memory, power): the program comes back as Pipeline last wrote it — when the step's
         * {@code start} returned, a block started or ended, or the execution asked ({@code saveState}).
         */
        CRASH
    }

    /**
     * The controller goes down and comes back: the step's program is written with River as Pipeline writes it
     * ({@code how}), the timers and pools are gone, new ones start, and the execution read back with River is
     * returned, not yet resumed. The step must have been started with {@link FakeStepContext#startStep}.
     */
    StepExecution restartController(FakeStepContext context, Restart how) throws Exception {
        // The old controller stops: work its threads hand on from now on is dropped, and so is work handed on earlier
        // that has not begun (held work too); what is running finishes (a safe restart waits for probes out, and the
        // tests restart between rounds). Its executors are never shut down under running work, so nothing is
        // refused: refusals would reach the step as failures a dead JVM never reports.
        Life old = life;
        old.gone = true;
        CountDownLatch held = blockingWorkHeld;
        blockingWorkHeld = null;
        if (held != null) held.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (old.threads.getActiveCount() > 0) {
            if (System.nanoTime() > deadline) throw new AssertionError("the old controller's work did not finish within 30 s");
            Thread.sleep(10);
        }
        byte[] program = how == Restart.SAFE ? context.programAtShutdown() : context.lastWrittenProgram();
        gone.add(old);
        life = new Life();
        return context.readProgram(program);
    }

    /** Lives that are gone; their executors are shut down with the host. */
    private final List<Life> gone = new CopyOnWriteArrayList<>();

    /** Where a gone life's threads schedule: it takes work and never runs it. */
    private final ScheduledThreadPoolExecutor goneScheduler = new ScheduledThreadPoolExecutor(1, task -> {
        Thread t = new Thread(task, "gone controller");
        t.setDaemon(true);
        return t;
    });

    {
        goneScheduler.execute(() -> {
            try {
                new CountDownLatch(1).await(); // its one thread never takes the next task
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Java serialization, as an agent's channel (remoting) sends a callable and its answer. */
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Override
    public void close() throws Exception {
        PluginRuntime.install(null);
        for (CountDownLatch held : new CountDownLatch[] {healthHeld, blockingWorkHeld}) {
            if (held != null) held.countDown();
        }
        life.shutdownNow();
        gone.forEach(Life::shutdownNow);
        goneScheduler.shutdownNow();
        service.stop(0);
        ledger.close();
        store.close();
    }
}
