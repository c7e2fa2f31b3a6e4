package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Stub of {@code jenkins.util.Timer}: Jenkins' shared scheduled executor. Like the real one it is created on
 * first use and needs no running Jenkins, so unit tests schedule on it for real.
 */
public class Timer {
    private static ScheduledExecutorService executor;

    private Timer() {
    }

    public static synchronized ScheduledExecutorService get() {
        if (executor == null) {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(10, r -> {
                Thread t = new Thread(r, "jenkins.util.Timer");
                t.setDaemon(true);
                return t;
            });
            pool.setRemoveOnCancelPolicy(true);
            executor = pool;
        }
        return executor;
    }
}
