package hudson.util;

import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** Stub of {@code hudson.util.DaemonThreadFactory}, with the real behaviour: the threads it makes are daemons. */
public class DaemonThreadFactory implements ThreadFactory {
    private final ThreadFactory core;

    public DaemonThreadFactory() {
        this(Executors.defaultThreadFactory());
    }

    public DaemonThreadFactory(ThreadFactory core) {
        this.core = core;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = core.newThread(r);
        t.setDaemon(true);
        return t;
    }
}
