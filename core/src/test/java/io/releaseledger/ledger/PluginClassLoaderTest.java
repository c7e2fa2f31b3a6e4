package io.releaseledger.ledger;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;

import io.releaseledger.testing.PluginClassLoaderJvm;
import io.releaseledger.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The ledger opens as it must in Jenkins: from a plugin's class loader (a child of core's, which cannot see the
 * plugin's libraries), on a thread whose context class loader is core's — the init reactor's, {@code jenkins.util.Timer}'s
 * and {@code Computer.threadPoolForRemoting}'s threads all have it. Nothing on the way may find a class or a service
 * through the context class loader, or count on {@code java.sql.DriverManager} having registered the drivers. Each
 * case runs in a fresh JVM ({@link PluginClassLoaderJvm}).
 */
public class PluginClassLoaderTest {

    @Test
    public void embeddedLedgerOpensFromAPluginClassLoaderWhoseDriversTheContextLoaderCannotSee() throws Exception {
        Path dir = Files.createTempDirectory("ledger-h2-");
        try {
            String out = PluginClassLoaderJvm.run(PluginClassLoaderJvm.SLF4J, OpenFromPluginLoader.class.getName(),
                    List.of("h2", dir.toString()));
            assertThat(out, containsString("OPENED jdbc:h2:file:"));
            assertThat(out, containsString("[staging] chain true"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void postgresLedgerOpensFromAPluginClassLoaderWhoseDriversTheContextLoaderCannotSee() throws Exception {
        try (TestStore store = TestStore.postgres()) {
            LedgerConfig config = store.config();
            String out = PluginClassLoaderJvm.run(PluginClassLoaderJvm.SLF4J, OpenFromPluginLoader.class.getName(),
                    List.of("postgres", config.jdbcUrl(), config.user(), TestStore.PG_PASSWORD));
            assertThat(out, containsString("OPENED jdbc:postgresql:"));
            assertThat(out, containsString("[staging] chain true"));
        }
    }
}
