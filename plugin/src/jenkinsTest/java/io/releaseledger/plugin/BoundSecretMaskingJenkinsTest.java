package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import hudson.util.Secret;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.testing.HostileSecret;
import io.releaseledger.web.LedgerWeb;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A bound secret with quotes, {@code $}, spaces, a newline and non-ASCII letters, traced by {@code sh} under
 * {@code set -x} in the deploy body and printed by a failing command check, in a real Pipeline (needs the Jenkins
 * repository; run with -Pjenkins): no form of it in the build log, the build's error, a webhook body or the ledger.
 */
public class BoundSecretMaskingJenkinsTest {
    static final String SECRET = HostileSecret.VALUE;

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private HttpServer receiver;
    private final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
    private Path dir;

    @Before
    public void setUp() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        dir = Files.createTempDirectory("bound-secret-");
        Files.writeString(dir.resolve("secret"), SECRET, StandardCharsets.UTF_8);

        ReleaseEnvironment staging = new ReleaseEnvironment("staging");
        staging.setCredentials(List.of(new CredentialBindingEntry("API_TOKEN", "deploy-token")));
        ReleaseLedgerConfiguration.get().setEnvironments(List.of(staging));
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "deploy-token", "deploy token", Secret.fromString(SECRET)));
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "chat-webhook", "chat webhook", Secret.fromString("http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/hook")));
        SystemCredentialsProvider.getInstance().save();
        ReleaseLedgerConfiguration.get().setWebhooks(List.of(new ReleaseWebhook("chat-webhook")));
    }

    @After
    public void tearDown() {
        receiver.stop(0);
    }

    private String deploy(String version) {
        String digest = version.equals("1.0.0") ? ReleaseStepsJenkinsTest.HELLO : ReleaseStepsJenkinsTest.WORLD;
        return "registerArtifact name: 'payments-api', version: '" + version + "', digest: '" + digest + "'\n"
                + "deployRelease(environment: 'staging', artifact: 'payments-api', version: '" + version + "',\n"
                + "    healthChecks: [commandCheck(name: 'smoke', command: ['/bin/sh', '-xc',"
                + " 'v=$(cat \"$0/version\"); s=$(cat \"$0/secret\"); echo \"token $s\"; printf %s \"$s\" | base64 -w0;"
                + " [ \"$v\" != 2.0.0 ]', '" + dir + "'])],\n"
                + "    verification: [interval: '1s', successThreshold: 1, failureThreshold: 1, maxDuration: '1m']) {\n"
                + "  sh '''set -x\n"
                + "    echo \"token: $API_TOKEN\"; x=\"$API_TOKEN\"\n"
                + "    printf %s \"$API_TOKEN\" | base64 -w0; echo\n"
                + "    echo \"$RELEASE_ARTIFACT_VERSION\" > " + dir.resolve("version") + "'''\n"
                + "}\n";
    }

    @Test
    public void aSecretTracedBySetXAndPrintedByAFailingCheckIsInNoFormAnywhere() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "payments");
        job.setDefinition(new CpsFlowDefinition("node {\n" + deploy("1.0.0") + "}\n", true));
        r.buildAndAssertSuccess(job);
        job.setDefinition(new CpsFlowDefinition("node {\n" + deploy("2.0.0") + "}\n", true));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        Release release = PluginLedger.get().history("staging", null, 1).releases().get(0);
        assertEquals(ReleaseState.ROLLED_BACK, release.state());
        r.assertLogContains("token: ****", b);
        String log = JenkinsRule.getLog(b);
        String api = new String(new LedgerWeb(PluginLedger.get()).get("/api/releases/" + release.id(), Map.of()).body(),
                StandardCharsets.UTF_8);
        StringBuilder events = new StringBuilder();
        PluginLedger.get().exportEvents(0, e -> events.append(new String(e.canonicalBytes(), StandardCharsets.UTF_8)));
        for (int i = 0; i < 100 && bodies.isEmpty(); i++) Thread.sleep(100); // deliveries run on their own threads
        assertFalse("the rollback was announced", bodies.isEmpty());
        for (Map.Entry<String, String> form : HostileSecret.leaks(SECRET).entrySet()) {
            assertFalse("the build log holds " + form.getKey(), log.contains(form.getValue()));
            assertFalse("the API holds " + form.getKey(), api.contains(form.getValue()));
            assertFalse("the events hold " + form.getKey(), events.toString().contains(form.getValue()));
            assertFalse("a webhook body holds " + form.getKey(), String.join("\n", bodies).contains(form.getValue()));
        }
    }
}
