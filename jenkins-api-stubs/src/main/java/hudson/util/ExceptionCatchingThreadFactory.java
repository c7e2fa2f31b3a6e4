package hudson.util;

import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stub of {@code hudson.util.ExceptionCatchingThreadFactory}, with the real behaviour: a thread that dies of an
 * exception is logged at WARNING.
 */
public class ExceptionCatchingThreadFactory implements ThreadFactory, Thread.UncaughtExceptionHandler {
    private static final Logger LOGGER = Logger.getLogger(ExceptionCatchingThreadFactory.class.getName());
    private final ThreadFactory core;

    public ExceptionCatchingThreadFactory() {
        this(Executors.defaultThreadFactory());
    }

    public ExceptionCatchingThreadFactory(ThreadFactory core) {
        this.core = core;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = core.newThread(r);
        t.setUncaughtExceptionHandler(this);
        return t;
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        LOGGER.log(Level.WARNING, "Thread " + t.getName() + " terminated unexpectedly", e);
    }
}
