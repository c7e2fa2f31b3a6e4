package io.releaseledger.plugin;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.releaseledger.testing.ModuleArchitecture;
import org.junit.BeforeClass;
import org.junit.Test;

/** The plugin's dependency rule (docs/architecture.md), on its compiled classes: no package cycle. */
public class PluginArchitectureTest {
    private static JavaClasses plugin;

    @BeforeClass
    public static void readPluginClasses() {
        plugin = ModuleArchitecture.mainClassesBeside(PluginLedger.class);
    }

    @Test
    public void pluginPackagesDependOnEachOtherWithoutCycles() {
        ModuleArchitecture.assertNoPackageCycles(plugin);
    }

    /** The other modules' "nothing from Jenkins" rule sees Jenkins types that are not among the classes it reads. */
    @Test
    public void theNoJenkinsRuleRefusesThePluginsOwnJenkinsTypes() {
        AssertionError refused = assertThrows(AssertionError.class,
                () -> ModuleArchitecture.assertNothingFromJenkins(plugin));
        assertThat(refused.getMessage(), containsString("<hudson.model."));
        assertThat(refused.getMessage(), containsString("<jenkins.model.Jenkins"));
    }

    @Test
    public void pluginUsesNothingInternalOfCore() {
        ModuleArchitecture.assertNothingInternalOfCore(plugin);
    }
}
