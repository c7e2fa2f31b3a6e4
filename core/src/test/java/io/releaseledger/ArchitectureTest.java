package io.releaseledger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The dependency rule: core never depends on Jenkins, Stapler or the servlet API. Checked on the
 * compiled classes, whose constant pools name every type they touch, imports or not.
 */
public class ArchitectureTest {
    private static final List<String> FORBIDDEN = List.of(
            "hudson/", "jenkins/", "org/jenkinsci/", "org/kohsuke/stapler/", "javax/servlet/", "jakarta/servlet/",
            "com/cloudbees/");

    @Test
    public void coreReferencesNothingFromJenkinsStaplerOrServlets() throws IOException, URISyntaxException {
        Path classes = Path.of(Inputs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders;
        long checked;
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> classFiles = files.filter(p -> p.toString().endsWith(".class")).toList();
            checked = classFiles.size();
            offenders = classFiles.stream().flatMap(p -> forbiddenReferences(classes, p)).toList();
        }
        assertTrue("expected to check core's classes in " + classes, checked > 20);
        assertEquals("core must stay free of Jenkins: " + offenders, List.of(), offenders);
    }

    @Test
    public void theScanSeesTypeReferencesInTheConstantPool() throws Exception {
        Path classes = Path.of(Inputs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path ledger = classes.resolve("io/releaseledger/ledger/Database.class");
        assertEquals(List.of("io/releaseledger/ledger/Database.class -> com/zaxxer/hikari/"),
                references(classes, ledger, List.of("com/zaxxer/hikari/", "org/example/")).toList());
    }

    private static Stream<String> forbiddenReferences(Path root, Path classFile) {
        return references(root, classFile, FORBIDDEN);
    }

    private static Stream<String> references(Path root, Path classFile, List<String> prefixes) {
        try {
            // Type names sit in the constant pool as modified UTF-8: plain ASCII for these package names.
            String pool = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return prefixes.stream()
                    .filter(pool::contains)
                    .map(prefix -> root.relativize(classFile) + " -> " + prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
