package io.releaseledger.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.releaseledger.testing.ModuleArchitecture;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Web's dependency rules (docs/architecture.md), on its compiled classes: no package cycle, and nothing from Jenkins,
 * since the command-line tool serves the same API and console.
 */
public class WebArchitectureTest {
    private static JavaClasses web;

    @BeforeClass
    public static void readWebClasses() {
        web = ModuleArchitecture.mainClassesBeside(LedgerWeb.class);
    }

    @Test
    public void webPackagesDependOnEachOtherWithoutCycles() {
        ModuleArchitecture.assertNoPackageCycles(web);
    }

    @Test
    public void webDependsOnNothingFromJenkinsStaplerOrServlets() {
        ModuleArchitecture.assertNothingFromJenkins(web);
    }

    @Test
    public void webUsesNothingInternalOfCore() {
        ModuleArchitecture.assertNothingInternalOfCore(web);
    }
}
