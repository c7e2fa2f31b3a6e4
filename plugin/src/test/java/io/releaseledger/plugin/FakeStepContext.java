package io.releaseledger.plugin;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import hudson.EnvVars;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A step context as Pipeline gives one, in test code: a build log, the block's contexts and a block that runs on
 * its own thread (as a CPS block runs later, not inside {@code start}), applying the merged
 * {@link EnvironmentExpander} and {@link TaskListenerDecorator} exactly as Pipeline does for the steps inside it.
 * Serializing it (with an execution, for a "restart") and reading it back gives this same instance.
 *
 * <p>It also keeps the program's state as Pipeline keeps it in {@code program.dat}, written with {@link River} on one
 * thread standing for the CPS VM thread: the step's execution (started by {@link #startStep}) and the callbacks of its
 * running blocks. Pipeline writes it when the CPS VM has nothing left to run — after the step's {@code start} returned,
 * after a block started, after a block's callback ran — and when the execution asks ({@link #saveState}); at a safe
 * restart it writes it once more as it stands. {@link TestHost#restartController} reads one of those back.
 */
final class FakeStepContext extends StepContext {
    private static final long serialVersionUID = 1L;
    private static final Map<String, FakeStepContext> LIVE = new ConcurrentHashMap<>();

    /** What the block does: sees its environment and its (decorated) log. */
    interface Block {
        void run(EnvVars env, PrintStream log, Invocation invocation) throws Exception;
    }

    /** One run of the block. */
    static final class Invocation {
        final EnvVars env = new EnvVars();
        final CountDownLatch cancelled = new CountDownLatch(1);
        volatile Throwable cancelCause;
        /** Told when the block ends; after a restart, the callback read back with the program. */
        volatile BodyExecutionCallback callback;
        /** The contexts the step gave the block (kept in the program, as Pipeline keeps them). */
        volatile List<Object> contexts = List.of();
        volatile boolean ended;
    }

    private final String id = UUID.randomUUID().toString();
    private final transient ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final transient TaskListener listener;
    final transient CompletableFuture<Object> outcome = new CompletableFuture<>();
    /** The thread the step reported its outcome on (the first report). */
    transient volatile String completedOn;
    final transient List<Invocation> invocations = new CopyOnWriteArrayList<>();
    /** Every run of the block, in the order they started (before {@link #invocations} lists them). */
    private final transient List<Invocation> bodies = new CopyOnWriteArrayList<>();
    private final transient Block block;
    private final transient EnvVars buildEnv = new EnvVars();
    /** The step's node in the flow graph; it outlives a restart, as Pipeline's flow node storage does. */
    final transient FakeFlowNode node = new FakeFlowNode("7");
    private final transient ExecutorService blocks = Executors.newCachedThreadPool();
    /** The CPS VM thread: the program is written there, one write at a time. */
    private final transient ExecutorService cps = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake CPS VM thread");
        t.setDaemon(true);
        return t;
    });
    /** The step's execution, once {@link #startStep} started it; after a restart, the one read back. */
    private transient volatile StepExecution execution;
    /** {@code program.dat}: the program as last written, or {@code null}. */
    private transient volatile byte[] program;
    /** The classes of every object written to the program so far. */
    final transient Set<Class<?>> programClasses = ConcurrentHashMap.newKeySet();

    FakeStepContext(Block block) {
        this.block = block;
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        this.listener = () -> out;
        buildEnv.put("BUILD_NUMBER", "7");
        LIVE.put(id, this);
    }

    private Object readResolve() {
        return LIVE.get(id);
    }

    String log() {
        synchronized (log) {
            return log.toString(StandardCharsets.UTF_8);
        }
    }

    Object await() throws Exception {
        return outcome.get(30, TimeUnit.SECONDS);
    }

    Throwable awaitFailure() throws Exception {
        try {
            Object value = await();
            throw new AssertionError("the step succeeded with " + value + "; log:\n" + log());
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    @Override
    public <T> T get(Class<T> key) {
        if (key == TaskListener.class) return key.cast(listener);
        if (key == EnvVars.class) return key.cast(buildEnv);
        if (key == FlowNode.class) return key.cast(node);
        return null; // no workspace, no expander or decorator from enclosing blocks
    }

    @Override
    public void onSuccess(Object result) {
        synchronized (outcome) {
            if (outcome.isDone()) return;
            completedOn = Thread.currentThread().getName();
            outcome.complete(result);
        }
    }

    @Override
    public void onFailure(Throwable t) {
        synchronized (outcome) {
            if (outcome.isDone()) return;
            completedOn = Thread.currentThread().getName();
            outcome.completeExceptionally(t);
        }
    }

    @Override
    public boolean isReady() {
        return outcome.isDone();
    }

    /** As {@code CpsStepContext.saveState()}: the CPS VM thread writes the program, later. */
    @Override
    public ListenableFuture<Void> saveState() {
        SettableFuture<Void> saved = SettableFuture.create();
        cps.execute(() -> {
            try {
                writeProgram();
                saved.set(null);
            } catch (IOException | RuntimeException e) {
                saved.setException(e);
            }
        });
        return saved;
    }

    /**
     * Starts {@code step} as the CPS VM does: {@code start(context)}, then the execution's {@code start()}; a step that
     * goes on asynchronously leaves the VM idle, so the program is written.
     */
    StepExecution startStep(Step step) throws Exception {
        StepExecution started = step.start(this);
        execution = started;
        if (!started.start()) cps.execute(this::writeProgramQuietly);
        return started;
    }

    /** What a crash leaves: the program as Pipeline last wrote it, once the writes under way are done. */
    byte[] lastWrittenProgram() throws Exception {
        cps.submit(() -> { }).get(30, TimeUnit.SECONDS);
        if (program == null) throw new AssertionError("the program was never written: start the step with startStep");
        return program;
    }

    /** What a safe restart writes ({@code CpsThreadGroup} terminating): the program as it stands now. */
    byte[] programAtShutdown() throws Exception {
        return cps.submit(() -> {
            writeProgram();
            return program;
        }).get(30, TimeUnit.SECONDS);
    }

    /**
     * Reads {@code written} back as Pipeline does after a restart: the execution, and the callbacks of the blocks that
     * were running, which from now on are told when those blocks end. Returns the execution, not yet resumed.
     */
    StepExecution readProgram(byte[] written) throws IOException, ClassNotFoundException {
        List<?> read = (List<?>) River.read(written);
        StepExecution resumed = (StepExecution) read.get(0);
        List<Invocation> running = bodies.stream().filter(i -> !i.ended).toList();
        for (int i = 0; i < running.size() && i + 1 < read.size(); i++) {
            running.get(i).callback = (BodyExecutionCallback) ((List<?>) read.get(i + 1)).get(0);
        }
        execution = resumed;
        return resumed;
    }

    private synchronized void writeProgram() throws IOException {
        if (execution == null) return;
        List<Object> state = new ArrayList<>();
        state.add(execution);
        for (Invocation i : bodies) {
            if (i.ended) continue;
            List<Object> body = new ArrayList<>(List.of(i.callback));
            body.addAll(i.contexts);
            state.add(body);
        }
        program = River.write(state, programClasses);
        programWrites.incrementAndGet();
    }

    /** How many times the program was written. */
    final transient java.util.concurrent.atomic.AtomicInteger programWrites = new java.util.concurrent.atomic.AtomicInteger();

    private void writeProgramQuietly() {
        try {
            writeProgram();
        } catch (IOException | RuntimeException e) {
            // As Pipeline does ("program state save failed"): the build goes on, the old program.dat stays.
            System.err.println("program state save failed: " + e);
            e.printStackTrace();
            saveFailure = e;
        }
    }

    /** Blocks whose callback returned (and after which the program is being written). */
    final transient java.util.concurrent.atomic.AtomicInteger callbacksReturned = new java.util.concurrent.atomic.AtomicInteger();

    /** The last failure to write the program, or {@code null}. */
    transient volatile Exception saveFailure;

    @Override
    public void setResult(Result r) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeStepContext other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public BodyInvoker newBodyInvoker() {
        return new Invoker();
    }

    private final class Invoker extends BodyInvoker {
        private final List<Object> contexts = new ArrayList<>();
        private BodyExecutionCallback callback;

        @Override
        public BodyInvoker withContext(Object override) {
            contexts.add(override);
            return this;
        }

        @Override
        public BodyInvoker withCallback(BodyExecutionCallback callback) {
            this.callback = callback;
            return this;
        }

        @Override
        public BodyInvoker withDisplayName(String name) {
            return this;
        }

        @Override
        public BodyExecution start() {
            Invocation invocation = new Invocation();
            invocation.callback = callback;
            invocation.contexts = List.copyOf(contexts);
            bodies.add(invocation);
            FakeBody running = new FakeBody(invocation);
            running.future = blocks.submit(() -> {
                OutputStream keepOpen = new FilterOutputStream(log) {
                    @Override
                    public void write(byte[] b, int off, int len) {
                        synchronized (log) {
                            log.write(b, off, len);
                        }
                    }

                    @Override
                    public void close() {
                    }
                };
                Throwable failure = null;
                PrintStream out = null;
                try {
                    invocation.env.putAll(buildEnv);
                    OutputStream decorated = keepOpen;
                    for (Object c : contexts) {
                        if (c instanceof EnvironmentExpander e) e.expand(invocation.env);
                        if (c instanceof TaskListenerDecorator d) decorated = d.decorate(decorated);
                    }
                    out = new PrintStream(decorated, true, StandardCharsets.UTF_8);
                    invocations.add(invocation); // seen by tests once its environment is complete
                    block.run(invocation.env, out, invocation);
                } catch (Throwable t) {
                    failure = invocation.cancelCause != null ? invocation.cancelCause : t;
                } finally {
                    if (out != null) out.close(); // the end of the block's log: a held tail is written, masked
                }
                invocation.ended = true;
                if (failure == null) {
                    invocation.callback.onSuccess(FakeStepContext.this, null);
                } else {
                    invocation.callback.onFailure(FakeStepContext.this, failure);
                }
                cps.execute(FakeStepContext.this::writeProgramQuietly); // the callback ran; the VM is idle again
                callbacksReturned.incrementAndGet();
                return null;
            });
            cps.execute(FakeStepContext.this::writeProgramQuietly); // the block's first steps ran; the VM is idle
            return running;
        }
    }

    private static final class FakeBody extends BodyExecution {
        private static final long serialVersionUID = 1L;
        private final transient Invocation invocation;
        transient java.util.concurrent.Future<?> future;

        FakeBody(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public Collection<StepExecution> getCurrentExecutions() {
            return List.of();
        }

        @Override
        public boolean cancel(Throwable t) {
            invocation.cancelCause = t;
            invocation.cancelled.countDown();
            return future.cancel(true);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return cancel(new InterruptedException("cancelled"));
        }

        @Override
        public boolean isCancelled() {
            return future.isCancelled();
        }

        @Override
        public boolean isDone() {
            return future.isDone();
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }
}
