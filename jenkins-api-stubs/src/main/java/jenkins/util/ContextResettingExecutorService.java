package jenkins.util;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * Stub of {@code jenkins.util.ContextResettingExecutorService}, with the real behaviour: after each task the thread
 * gets its name and context class loader back, whatever the task set.
 */
public class ContextResettingExecutorService extends InterceptingExecutorService {
    public ContextResettingExecutorService(ExecutorService base) {
        super(base);
    }

    @Override
    protected Runnable wrap(Runnable r) {
        return () -> {
            Thread t = Thread.currentThread();
            String name = t.getName();
            ClassLoader cl = t.getContextClassLoader();
            try {
                r.run();
            } finally {
                t.setName(name);
                t.setContextClassLoader(cl);
            }
        };
    }

    @Override
    protected <V> Callable<V> wrap(Callable<V> r) {
        return () -> {
            Thread t = Thread.currentThread();
            String name = t.getName();
            ClassLoader cl = t.getContextClassLoader();
            try {
                return r.call();
            } finally {
                t.setName(name);
                t.setContextClassLoader(cl);
            }
        };
    }
}
