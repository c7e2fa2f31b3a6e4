package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.releaseledger.notify.Notification;
import io.releaseledger.secrets.SecretMask;
import io.releaseledger.testing.ForwardingProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Jenkins' proxy (Manage Jenkins → System → HTTP Proxy, here a real forwarding proxy on 127.0.0.1 with {@code localhost}
 * as a no-proxy host) carries the webhooks and the probes taken on the controller; a probe on an agent (a JVM of its own)
 * uses the agent's settings and does not (needs the Jenkins repository; run with -Pjenkins; not run on this project's
 * machines).
 */
public class JenkinsProxyJenkinsTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private final ForwardingProxy proxy = new ForwardingProxy();
    private final List<String> served = new CopyOnWriteArrayList<>();
    private HttpServer target;

    @Before
    public void start() throws Exception {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            served.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        r.jenkins.proxy = new ProxyConfiguration("127.0.0.1", proxy.address().getPort(), null, null, "localhost");
    }

    @After
    public void stop() {
        target.stop(0);
        proxy.close();
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + target.getAddress().getPort() + path;
    }

    private void awaitServed(int count) throws InterruptedException {
        for (int i = 0; i < 300 && served.size() < count; i++) Thread.sleep(100);
        assertEquals(served.toString(), count, served.size());
    }

    @Test
    public void webhooksGoThroughJenkinsProxyExceptToItsNoProxyHosts() throws Exception {
        List.of(new StringCredentialsImpl(CredentialsScope.GLOBAL, "proxied-hook", "", Secret.fromString(url("127.0.0.1", "/hook"))),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "direct-hook", "", Secret.fromString(url("localhost", "/direct"))))
                .forEach(SystemCredentialsProvider.getInstance().getCredentials()::add);
        ReleaseLedgerConfiguration.get().setWebhooks(List.of(new ReleaseWebhook("proxied-hook"), new ReleaseWebhook("direct-hook")));

        ReleaseLedgerConfiguration.get().notifier(SecretMask.none()).notify(new Notification(Notification.Kind.ROLLBACK_FAILED,
                "production", 7, "payments-api", "1.4.2", "sha256:" + "cd".repeat(32), "rollback failed", Optional.empty(),
                Instant.now()));

        awaitServed(2);
        assertEquals(List.of("POST " + url("127.0.0.1", "/hook") + " HTTP/1.1"), proxy.requests());
    }

    @Test
    public void probesOnTheControllerGoThroughJenkinsProxyAndOnAnAgentUseTheAgentsSettings() throws Exception {
        WorkflowRun controller = r.buildAndAssertSuccess(pipeline("on-controller",
                "verifyHealth healthChecks: [httpCheck(url: '" + url("127.0.0.1", "/controller") + "')],\n"
                        + "    verification: [interval: '1s', successThreshold: 1]"));
        r.assertLogNotContains("INCONCLUSIVE", controller);
        assertTrue(proxy.requests().toString(), proxy.requests().contains("GET " + url("127.0.0.1", "/controller") + " HTTP/1.1"));

        r.createSlave("agent", null, null);
        r.buildAndAssertSuccess(pipeline("on-agent", "node('agent') {\n"
                + "  verifyHealth healthChecks: [httpCheck(url: '" + url("127.0.0.1", "/agent") + "')],\n"
                + "      verification: [interval: '1s', successThreshold: 1]\n"
                + "}"));
        assertTrue(served.toString(), served.contains("GET /agent"));
        assertTrue("the agent's probe did not use the controller's proxy: " + proxy.requests(),
                proxy.requests().stream().noneMatch(line -> line.contains("/agent")));
    }

    private WorkflowJob pipeline(String name, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }
}
