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
final class TestHost extends StepHost implements AutoCloseable {
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
    volatile ScheduledExecutorService scheduler = newScheduler();
    volatile ExecutorService blockingWork = newBlockingWork();
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
        ledger = opened(blockingWork, store.config());
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
        StepHost.install(this);
    }

    /** As {@code jenkins.util.Timer}: its threads' context class loader is Jenkins core's. */
    static ScheduledExecutorService newScheduler() {
        return Executors.newScheduledThreadPool(4, named(SCHEDULER_THREADS));
    }

    /** As {@code Computer.threadPoolForRemoting}: core's context class loader, given back after each task. */
    static ExecutorService newBlockingWork() {
        return new ContextResettingExecutorService(Executors.newCachedThreadPool(named(BLOCKING_THREADS)));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return new ClassLoaderSanityThreadFactory(task -> {
            Thread t = new Thread(task, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
        return scheduler;
    }

    /** While set and not counted down, work handed to {@link #blockingWork()} waits before it begins. */
    volatile CountDownLatch blockingWorkHeld;

    @Override
    Executor blockingWork() {
        return task -> blockingWork.execute(() -> {
            CountDownLatch held = blockingWorkHeld;
            try {
                if (held != null) held.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
        // The old controller stops. Work it hands on from now on goes where it never runs (as in a JVM that is gone,
        // and never into the new controller's pools); what it is doing finishes (a safe restart waits for probes out,
        // and the tests restart between rounds); its timers are gone.
        ScheduledExecutorService oldScheduler = scheduler;
        ExecutorService oldPool = blockingWork;
        ScheduledThreadPoolExecutor gone = goneController();
        scheduler = gone;
        blockingWork = gone;
        oldScheduler.shutdownNow();
        oldPool.shutdown();
        if (!oldScheduler.awaitTermination(30, TimeUnit.SECONDS) || !oldPool.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the old controller's work did not finish within 30 s");
        }
        byte[] program = how == Restart.SAFE ? context.programAtShutdown() : context.lastWrittenProgram();
        scheduler = newScheduler();
        blockingWork = newBlockingWork();
        return context.readProgram(program);
    }

    /** Executors of a controller that is gone: they take work and never run it. */
    private ScheduledThreadPoolExecutor goneController() {
        ScheduledThreadPoolExecutor gone = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "gone controller");
            t.setDaemon(true);
            return t;
        });
        gone.execute(() -> {
            try {
                new CountDownLatch(1).await(); // its one thread never takes the next task
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        goneControllers.add(gone);
        return gone;
    }

    private final List<ExecutorService> goneControllers = new CopyOnWriteArrayList<>();

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
        StepHost.install(null);
        for (CountDownLatch held : new CountDownLatch[] {healthHeld, blockingWorkHeld}) {
            if (held != null) held.countDown();
        }
        scheduler.shutdownNow();
        blockingWork.shutdownNow();
        goneControllers.forEach(ExecutorService::shutdownNow);
        service.stop(0);
        ledger.close();
        store.close();
    }
}
