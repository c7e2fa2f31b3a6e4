package io.releaseledger.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.releaseledger.testing.ModuleArchitecture;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The command-line tool's dependency rules (docs/architecture.md), on its compiled classes: no package cycle, and
 * nothing from Jenkins, since it runs where Jenkins does not.
 */
public class CliArchitectureTest {
    private static JavaClasses cli;

    @BeforeClass
    public static void readCliClasses() {
        cli = ModuleArchitecture.mainClassesBeside(ReleaseLedgerCli.class);
    }

    @Test
    public void cliPackagesDependOnEachOtherWithoutCycles() {
        ModuleArchitecture.assertNoPackageCycles(cli);
    }

    @Test
    public void cliDependsOnNothingFromJenkinsStaplerOrServlets() {
        ModuleArchitecture.assertNothingFromJenkins(cli);
    }

    @Test
    public void cliUsesNothingInternalOfCore() {
        ModuleArchitecture.assertNothingInternalOfCore(cli);
    }
}
