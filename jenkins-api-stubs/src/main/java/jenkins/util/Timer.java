package jenkins.util;

import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Stub of {@code jenkins.util.Timer}: Jenkins' shared scheduled executor. Like the real one it is created on first use
 * and needs no running Jenkins, so unit tests schedule on it for real; its ten daemon threads are made as the real ones
 * are, named {@code jenkins.util.Timer [#n]} and with Jenkins core's class loader as their context class loader
 * ({@link ClassLoaderSanityThreadFactory}), so a plugin's code that counts on the context class loader to find its own
 * libraries fails here as it would in Jenkins. Not copied: the real executor also runs each task as {@code ACL.SYSTEM2}
 * and logs the failures of tasks that are not futures.
 */
public class Timer {
    private static ScheduledExecutorService executor;

    private Timer() {
    }

    public static synchronized ScheduledExecutorService get() {
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(10,
                    new NamingThreadFactory(new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "jenkins.util.Timer"));
        }
        return executor;
    }
}
