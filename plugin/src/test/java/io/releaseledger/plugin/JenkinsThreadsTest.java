package io.releaseledger.plugin;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import hudson.model.Computer;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.testing.PluginClassLoaderJvm;
import io.releaseledger.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import jenkins.util.Timer;
import org.junit.Test;

/**
 * Jenkins' threads as the plugin meets them: {@code jenkins.util.Timer} and {@code Computer.threadPoolForRemoting} run
 * work with Jenkins core's class loader as the context class loader, which cannot see the plugin's libraries; the
 * stubs copy that, and the ledger opens there.
 */
public class JenkinsThreadsTest {
    /** What Jenkins core provides to a plugin, of the test class path: the stubs (core itself), their libraries, SLF4J. */
    private static final Predicate<Path> JENKINS_CORE = PluginClassLoaderJvm.SLF4J.or(entry -> {
        String name = entry.getFileName().toString();
        return entry.toString().contains("jenkins-api-stubs") || name.startsWith("guava-")
                || name.startsWith("failureaccess-") || name.startsWith("spring-") || name.startsWith("localizer-")
                || name.startsWith("jakarta.servlet-api-");
    });

    @Test
    public void timerThreadsCarryCoreClassLoaderWhichCannotSeeThePluginsLibraries() throws Exception {
        String[] seen = Timer.get().schedule(JenkinsThreadsTest::contextSeen, 0, TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS);
        assertThat(seen[0], startsWith("jenkins.util.Timer [#"));
        assertEquals("context loader sees core / the ledger / H2", "true false false", seen[1]);
    }

    @Test
    public void remotingPoolThreadsCarryCoreClassLoaderAndGetItBackAfterEachTask() throws Exception {
        ExecutorService pool = Computer.threadPoolForRemoting;
        String[] seen = pool.submit(JenkinsThreadsTest::contextSeen).get(30, TimeUnit.SECONDS);
        assertThat(seen[0], startsWith("Computer.threadPoolForRemoting [#"));
        assertEquals("context loader sees core / the ledger / H2", "true false false", seen[1]);
        // A task that swaps the context class loader does not leave it to the next task on that thread.
        ClassLoader[] before = new ClassLoader[1];
        Future<?> swapped = pool.submit(() -> {
            before[0] = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(JenkinsThreadsTest.class.getClassLoader());
        });
        swapped.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) { // a cached pool reuses the idle thread
            assertNotNull(before[0]);
            assertSame(before[0], pool.submit(() -> Thread.currentThread().getContextClassLoader()).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    public void embeddedLedgerOpensOnJenkinsTimerAndRemotingThreads() throws Exception {
        Path dir = Files.createTempDirectory("ledger-h2-");
        try {
            String out = PluginClassLoaderJvm.run(JENKINS_CORE, OpenOnJenkinsThreads.class.getName(), List.of("h2", dir.toString()));
            assertThat(out, containsString("OPENED on jenkins.util.Timer [#1]: [staging]"));
            assertThat(out, containsString("OPENED on Computer.threadPoolForRemoting [#1]: [staging]"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void postgresLedgerOpensOnJenkinsTimerAndRemotingThreads() throws Exception {
        try (TestStore store = TestStore.postgres()) {
            LedgerConfig config = store.config();
            String out = PluginClassLoaderJvm.run(JENKINS_CORE, OpenOnJenkinsThreads.class.getName(),
                    List.of("postgres", config.jdbcUrl(), config.user(), TestStore.PG_PASSWORD));
            assertThat(out, containsString("OPENED on jenkins.util.Timer [#1]: [staging]"));
            assertThat(out, containsString("OPENED on Computer.threadPoolForRemoting [#1]: [staging]"));
        }
    }

    /** This thread's name, and whether its context class loader sees Jenkins core, core's ledger and H2's driver. */
    private static String[] contextSeen() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        StringBuilder seen = new StringBuilder();
        for (String type : new String[] {"jenkins.util.Timer", "io.releaseledger.ledger.Ledger", "org.h2.Driver"}) {
            boolean visible;
            try {
                Class.forName(type, false, context);
                visible = true;
            } catch (ClassNotFoundException e) {
                visible = false;
            }
            seen.append(seen.length() == 0 ? "" : " ").append(visible);
        }
        assertTrue(context != null);
        return new String[] {Thread.currentThread().getName(), seen.toString()};
    }
}
