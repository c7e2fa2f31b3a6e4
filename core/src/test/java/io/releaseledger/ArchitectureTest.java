package io.releaseledger;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.releaseledger.testing.ModuleArchitecture;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Core's dependency rules (docs/architecture.md), on its compiled classes: nothing from Jenkins, Stapler or the
 * servlet API, and no package cycle.
 */
public class ArchitectureTest {
    private static JavaClasses core;

    @BeforeClass
    public static void readCoreClasses() {
        core = ModuleArchitecture.mainClassesBeside(Inputs.class);
    }

    @Test
    public void coreDependsOnNothingFromJenkinsStaplerOrServlets() {
        ModuleArchitecture.assertNothingFromJenkins(core);
    }

    @Test
    public void corePackagesDependOnEachOtherWithoutCycles() {
        ModuleArchitecture.assertNoPackageCycles(core);
    }

    /** The hosts' rule, shown to catch a use: core's own packages use the internal one, which a host may not. */
    @Test
    public void theInternalRuleRefusesAUseOfCoresInternalPackage() {
        AssertionError refused = assertThrows(AssertionError.class, () -> ModuleArchitecture.assertNothingInternalOfCore(core));
        assertTrue(refused.getMessage(), refused.getMessage().contains("io.releaseledger.internal."));
    }
}
