package io.releaseledger.plugin;

import static org.junit.Assume.assumeTrue;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.Test;

/**
 * The jar the default build packages must hold the plugin's classes and none of the stubs': a stub in
 * the artifact would shadow the real Jenkins class it stands for. Runs under failsafe, after package.
 */
public class PackagedJarIT {
    /** Top-level packages of every stubbed type and of the third-party types the stubs name. */
    private static final List<String> STUB_PREFIXES = List.of("hudson/", "jenkins/", "org/kohsuke/",
            "org/jenkinsci/", "com/cloudbees/", "org/jvnet/", "org/springframework/");

    @Test
    public void theJarHoldsThePluginAndNoStub() throws Exception {
        String path = System.getProperty("releaseLedger.pluginJar");
        // Only failsafe (integration-test phase, after package) sets it; a surefire run selected with -Dtest=… skips.
        assumeTrue("runs under failsafe, which sets releaseLedger.pluginJar to the packaged jar", path != null);
        List<String> stubs = new ArrayList<>();
        boolean plugin = false;
        try (JarFile jar = new JarFile(new File(path))) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.equals("io/releaseledger/plugin/RegisterArtifactStep.class")) plugin = true;
                if (STUB_PREFIXES.stream().anyMatch(name::startsWith)) stubs.add(name);
            }
        }
        assertTrue(path + " lacks the plugin's classes", plugin);
        assertTrue(path + " contains stub classes: " + stubs, stubs.isEmpty());
    }
}
