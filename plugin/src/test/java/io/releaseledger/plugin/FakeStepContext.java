package io.releaseledger.plugin;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A step context as Pipeline gives one, in test code: a build log, the block's contexts and a block that runs on
 * its own thread (as a CPS block runs later, not inside {@code start}), applying the merged
 * {@link EnvironmentExpander} and {@link TaskListenerDecorator} exactly as Pipeline does for the steps inside it.
 * Serializing it (with an execution, for a "restart") and reading it back gives this same instance.
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
    }

    private final String id = UUID.randomUUID().toString();
    private final transient ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final transient TaskListener listener;
    final transient CompletableFuture<Object> outcome = new CompletableFuture<>();
    /** The thread the step reported its outcome on (the first report). */
    transient volatile String completedOn;
    final transient List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final transient Block block;
    private final transient EnvVars buildEnv = new EnvVars();
    private final transient ExecutorService blocks = Executors.newCachedThreadPool();

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

    @Override
    public ListenableFuture<Void> saveState() {
        return Futures.immediateFuture(null);
    }

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
                if (failure == null) {
                    callback.onSuccess(FakeStepContext.this, null);
                } else {
                    callback.onFailure(FakeStepContext.this, failure);
                }
                return null;
            });
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
