package io.releaseledger.plugin;

import hudson.model.Computer;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.OpenFromPluginLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;

/**
 * Run by {@link JenkinsThreadsTest} in a plugin class loader whose parent holds the stubs (Jenkins core): opens the
 * ledger on {@code jenkins.util.Timer} and on {@code Computer.threadPoolForRemoting}, where the steps and the
 * configuration open and use it, after checking that those threads' context class loader is core's.
 */
public final class OpenOnJenkinsThreads {
    private OpenOnJenkinsThreads() {}

    /** @param args as {@link OpenFromPluginLoader#run} */
    public static void run(String[] args) throws Exception {
        // Timer first, then the remoting pool: each opens, writes and reads, then closes (one open ledger per JVM).
        for (ExecutorService pool : new ExecutorService[] {Timer.get(), Computer.threadPoolForRemoting}) {
            Callable<String> open = () -> {
                OpenFromPluginLoader.requireCoreContextLoader();
                try (Ledger ledger = OpenFromPluginLoader.open(args)) {
                    ledger.defineEnvironment("staging", 1, Actor.system("jenkins"));
                    return "OPENED on " + Thread.currentThread().getName() + ": " + ledger.environments();
                }
            };
            System.out.println(pool.submit(open).get(1, TimeUnit.MINUTES));
        }
    }
}
