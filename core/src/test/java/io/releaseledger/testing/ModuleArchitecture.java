package io.releaseledger.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.Assert.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * The dependency rules every module keeps (docs/architecture.md), checked with ArchUnit on compiled classes, so a fully
 * qualified name in code counts as much as an import.
 */
public final class ModuleArchitecture {
    private ModuleArchitecture() {}

    /**
     * The classes compiled from one module's main sources: the directory (or, under failsafe, the jar) that holds
     * {@code anyMainClass}, without the other modules and libraries on the test's class path.
     */
    public static JavaClasses mainClassesBeside(Class<?> anyMainClass) {
        Path classes;
        try {
            classes = Path.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        JavaClasses imported;
        if (Files.isDirectory(classes)) {
            imported = new ClassFileImporter().importPath(classes);
        } else {
            try (JarFile jar = new JarFile(classes.toFile())) {
                imported = new ClassFileImporter().importJar(jar);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertTrue("expected " + anyMainClass.getName() + " among the classes read from " + classes,
                imported.contain(anyMainClass));
        return imported;
    }

    /**
     * Fails, naming each cycle and the class dependencies that close it, when packages depend on each other in a loop:
     * every package of the module is a slice of its own, the root {@code io.releaseledger} included.
     */
    public static void assertNoPackageCycles(JavaClasses classes) {
        slices().matching("(io.releaseledger..)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("dependencies point inward only: a package that needs another's type and is needed by it "
                        + "belongs with it, or the shared type belongs in a third package both may depend on")
                .check(classes);
    }

    /**
     * Fails, naming each class and the type it uses, when the classes depend on Jenkins, Stapler, credentials or the
     * servlet API: what runs in the command-line tool and in tests must load without a Jenkins on the class path.
     */
    public static void assertNothingFromJenkins(JavaClasses classes) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "com.cloudbees..",
                        "javax.servlet..", "jakarta.servlet..")
                .because("it must run where Jenkins does not: in the command-line tool during an incident, in tests "
                        + "against real databases")
                .check(classes);
    }

    /**
     * Fails, naming each class and the type it uses, when a host module (web, cli, plugin) uses core's
     * {@code io.releaseledger.internal}: public only so that core's own packages can share it, not an API.
     */
    public static void assertNothingInternalOfCore(JavaClasses classes) {
        noClasses().that().resideOutsideOfPackage("io.releaseledger.internal..")
                .should().dependOnClassesThat().resideInAPackage("io.releaseledger.internal..")
                .because("core's internal package is shared by core's packages only; a host uses core's public API")
                .check(classes);
    }
}
