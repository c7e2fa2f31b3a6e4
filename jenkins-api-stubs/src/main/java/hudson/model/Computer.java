package hudson.model;

import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.ExceptionCatchingThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jenkins.util.ContextResettingExecutorService;

/**
 * Stub of {@code hudson.model.Computer}; only its pool for blocking work (remoting calls and the like). Made as the
 * real one is: unbounded, daemon threads named {@code Computer.threadPoolForRemoting [#n]} whose context class loader
 * is Jenkins core's ({@link ClassLoaderSanityThreadFactory}) and is given back after each task
 * ({@link ContextResettingExecutorService}). Code that needs no running Jenkins can hand work to it in unit tests. Not
 * copied: the real pool also runs each task as {@code ACL.SYSTEM2} and logs failures.
 */
public abstract class Computer extends Actionable {
    public static final ExecutorService threadPoolForRemoting = new ContextResettingExecutorService(
            Executors.newCachedThreadPool(new ExceptionCatchingThreadFactory(new NamingThreadFactory(
                    new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "Computer.threadPoolForRemoting"))));

    private Computer() {
        throw new UnsupportedOperationException("stub");
    }
}
