package hudson.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stub of {@code hudson.model.Computer}; only its pool for blocking work (remoting calls and the like). Like
 * the real one the pool is unbounded and its threads are daemons, so code that needs no running Jenkins can
 * hand work to it in unit tests.
 */
public abstract class Computer extends Actionable {
    public static final ExecutorService threadPoolForRemoting = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "Computer.threadPoolForRemoting");
        t.setDaemon(true);
        return t;
    });

    private Computer() {
        throw new UnsupportedOperationException("stub");
    }
}
