package io.releaseledger.plugin;

import static org.hamcrest.CoreMatchers.hasItem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Every Jenkinsfile in the repository (the root one and docs/examples) parses as Groovy and uses only Release
 * Ledger steps, parameters and nested symbols that exist, with those names, in the plugin's classes; the examples
 * use every step and health check. The negative tests prove the check catches misspellings.
 */
public class JenkinsfilesTest {
    private static PipelineVocabulary vocabulary;
    private static JenkinsfileChecker checker;

    @BeforeClass
    public static void readThePlugin() throws Exception {
        vocabulary = PipelineVocabulary.load();
        checker = new JenkinsfileChecker(vocabulary);
    }

    /** The repository's root: the test runs in plugin/. */
    static Path root() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !(Files.exists(root.resolve("mvnw")) && Files.isDirectory(root.resolve("plugin")))) {
            root = root.getParent();
        }
        if (root == null) throw new IllegalStateException("run from inside the repository: no mvnw and plugin/ above " + Path.of("").toAbsolutePath());
        return root;
    }

    /** Files named Jenkinsfile or Jenkinsfile.*, anywhere but build output and Git's folder. */
    static List<Path> jenkinsfiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.equals("Jenkinsfile") || n.startsWith("Jenkinsfile.");
                    })
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            String s = part.toString();
                            if (s.equals(".git") || s.equals("target") || s.equals("node_modules")) return false;
                        }
                        return true;
                    })
                    .sorted().toList();
        }
    }

    @Test
    public void theVocabularyIsEveryStepAndItsNestedSymbols() {
        assertEquals("steps whose @Symbol differs from getFunctionName()", List.of(), vocabulary.inconsistent);
        assertEquals(Set.of("approvalGate", "deployRelease", "registerArtifact", "releaseNotes", "releaseStatus",
                "rollbackRelease", "verifyHealth"), Set.copyOf(vocabulary.steps()));
        assertEquals("nested describables: the health checks and the verification settings, no configuration-only ones",
                Set.of("approvalGate", "deployRelease", "registerArtifact", "releaseNotes", "releaseStatus", "rollbackRelease",
                        "verifyHealth", "httpCheck", "prometheusCheck", "commandCheck", "verification"),
                vocabulary.bySymbol.keySet());
        PipelineVocabulary.Entry deploy = vocabulary.bySymbol.get("deployRelease");
        assertEquals(List.of("environment", "artifact", "version"), deploy.required());
        assertTrue(deploy.takesBlock());
        assertTrue(deploy.parameters().keySet().containsAll(List.of("healthChecks", "verification", "approvals",
                "approvers", "approvalTimeout", "forbidSelfApproval", "emergencyReason")));
    }

    @Test
    public void everyJenkinsfileInTheRepositoryUsesOnlyStepsAndParametersThatExist() throws Exception {
        Path root = root();
        List<Path> files = jenkinsfiles(root);
        List<String> names = files.stream().map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
        assertThat(names, hasItem("Jenkinsfile"));
        assertThat(names, hasItem("docs/examples/Jenkinsfile.declarative"));
        assertThat(names, hasItem("docs/examples/Jenkinsfile.scripted"));

        List<String> problems = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JenkinsfileChecker.Result result = checker.check(names.get(i), Files.readString(files.get(i), StandardCharsets.UTF_8));
            problems.addAll(result.problems());
            if (names.get(i).startsWith("docs/examples/")) {
                Set<String> missing = new TreeSet<>(vocabulary.steps());
                missing.addAll(List.of("httpCheck", "prometheusCheck", "commandCheck"));
                missing.removeAll(result.called());
                if (!missing.isEmpty()) problems.add(names.get(i) + ": an example that uses every step does not call " + missing);
            }
        }
        assertEquals("problems:\n" + String.join("\n", problems), List.of(), problems);
    }

    @Test
    public void aMisspeltStepOrParameterIsCaught() {
        String snippet = """
                node {
                    deployRelase(environment: 'staging', artifact: 'a', version: '1') { sh 'true' }
                    deployRelease(enviroment: 'staging', artifact: 'a', version: '1',
                                  healthChecks: [httpCheck(url: 'https://x.example.com', expectedStatus: '200'),
                                                 prometheusChek(server: 's', query: 'q', condition: '> 0')],
                                  verification: [intervall: '10s']) { sh 'true' }
                    releaseStatus environment: 'production', verbose: true
                    registerArtifact name: 'a', file: 'a.jar'
                    releaseNotes('production') { echo 'no block here' }
                }
                """;
        List<String> problems = checker.check("inline", snippet).problems();
        assertEquals(String.join("\n", problems), List.of(
                "inline:2: unknown step or symbol deployRelase; did you mean deployRelease?",
                "inline:3: deployRelease has no parameter enviroment (it takes: " + vocabulary.bySymbol.get("deployRelease").describe() + ")",
                "inline:3: verification has no parameter intervall (it takes: " + vocabulary.bySymbol.get("verification").describe() + ")",
                "inline:3: deployRelease needs environment",
                "inline:4: httpCheck has no parameter expectedStatus (it takes: " + vocabulary.bySymbol.get("httpCheck").describe() + ")",
                "inline:5: unknown step or symbol prometheusChek; did you mean prometheusCheck?",
                "inline:7: releaseStatus has no parameter verbose (it takes: environment)",
                "inline:8: registerArtifact needs version",
                "inline:9: releaseNotes takes no block { }"), problems);
    }

    @Test
    public void declarativeAndScriptedFormsThatPipelineAcceptsPass() {
        String snippet = """
                pipeline {
                    agent none
                    environment { VERSION = '1.0.0' }
                    stages {
                        stage('deploy') {
                            steps {
                                script {
                                    def body = { sh './deploy.sh' }
                                    def s = releaseStatus('production')
                                    deployRelease(environment: 'staging', artifact: 'a', version: env.VERSION,
                                                  verification: verification(interval: '10s'), body)
                                    rollbackRelease(*: [environment: 'staging']) { sh './deploy.sh' }
                                }
                            }
                        }
                    }
                }
                """;
        assertEquals(List.of(), checker.check("inline", snippet).problems());
    }

    @Test
    public void notGroovyIsAProblemWithItsPlace() {
        List<String> problems = checker.check("broken", "node {\n  deployRelease(environment: 'x' {\n}\n").problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0), problems.get(0).startsWith("broken: not valid Groovy: "));
    }
}
