package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Webhooks configured in release-ledger.yaml, through the packaged jar, received by a real HTTP server on
 * 127.0.0.1: who is told what, and that the URLs' tokens and the header's secret never show.
 */
public class WebhookNotificationIT {
    private static final String CHAT_TOKEN = "T0KEN-chat-7f3a9c1e";
    private static final String PAGER_TOKEN = "T0KEN-pager-52b8d0";
    private static final String PAGER_AUTH = "Bearer pager-s3cr3t-41d7";

    /** One POST as the receiver saw it. */
    private record Received(String path, String event, String authorization, String text) {
        Map<String, Object> body() throws Exception {
            return JsonMaps.read(text);
        }
    }

    private final List<Received> received = new ArrayList<>();
    private HttpServer server;
    private Path dir;
    private Map<String, String> env;

    @Before
    public void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (received) {
                received.add(new Received(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("X-Release-Ledger-Event"),
                        exchange.getRequestHeaders().getFirst("Authorization"), body));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        dir = Files.createTempDirectory("webhook-it-");
        Files.writeString(dir.resolve("pager-url"), base + "/pager/" + PAGER_TOKEN + "\n");
        env = new HashMap<>(Map.of("CHAT_HOOK_URL", base + "/chat/" + CHAT_TOKEN, "PAGER_AUTH", PAGER_AUTH));
        writeConfig("");
        for (String v : new String[] {"1.0", "2.0"}) {
            Files.writeString(dir.resolve("app-" + v + ".jar"), "app " + v);
            assertEquals(0, JarProcess.run(dir, Map.of(), "register", "app", v, "app-" + v + ".jar").exitCode());
        }
    }

    /** The chat webhook wants every event, the pager only failed rollbacks, with a secret header. */
    private void writeConfig(String moreWebhooks) throws Exception {
        Files.writeString(dir.resolve("release-ledger.yaml"), String.join("\n",
                "environments:",
                "  dev: {}",
                "notifications:",
                "  webhooks:",
                "    - url: env:CHAT_HOOK_URL",
                "    - url: file:pager-url",
                "      header: {name: Authorization, value: env:PAGER_AUTH}",
                "      events: [rollback.failed]",
                moreWebhooks));
    }

    @After
    public void tearDown() {
        server.stop(0);
    }

    private List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Deploys 2.0 over a live 1.0; the check passes only while {@code healthy} is what the command deployed. */
    private JarProcess deployOverAGoodRelease(String check, String... options) throws Exception {
        JarProcess good = JarProcess.run(dir, env, "deploy", "dev", "app", "1.0", "--", "true");
        assertEquals(good.transcript(), 0, good.exitCode());
        assertEquals("a release that went live notifies nobody", List.of(), received());
        List<String> args = new ArrayList<>(List.of("deploy", "dev", "app", "2.0", "--check-command", check,
                "--interval", "100ms"));
        args.addAll(List.of(options));
        args.addAll(List.of("--", "sh", "-c", "echo $RELEASE_ARTIFACT_VERSION > deployed"));
        return JarProcess.run(dir, env, args.toArray(String[]::new));
    }

    private static void assertNoSecretShows(JarProcess p) {
        for (String secret : List.of(CHAT_TOKEN, PAGER_TOKEN, PAGER_AUTH)) {
            assertFalse(secret + " showed:\n" + p.transcript(), p.transcript().contains(secret));
        }
    }

    @Test
    public void theDeployCommandCannotReadTheWebhooksVariables() throws Exception {
        JarProcess deploy = JarProcess.run(dir, env, "deploy", "dev", "app", "1.0", "--",
                "sh", "-c", "echo \"chat=${CHAT_HOOK_URL:-withheld} pager=${PAGER_AUTH:-withheld}\"");
        assertEquals(deploy.transcript(), 0, deploy.exitCode());
        assertTrue(deploy.out(), deploy.out().contains("chat=withheld pager=withheld"));
    }

    @Test
    public void aRolledBackDeployNotifiesEachWebhookThatWantsItOnce() throws Exception {
        JarProcess bad = deployOverAGoodRelease("grep -q 1.0 deployed", "--json");

        assertEquals(bad.transcript(), ExitCode.UNHEALTHY, bad.exitCode());
        List<Received> got = received();
        assertEquals(got.toString(), 1, got.size());
        Received chat = got.get(0);
        assertEquals("/chat/" + CHAT_TOKEN, chat.path());
        assertEquals("rollback.performed", chat.event());
        assertEquals("rollback.performed", chat.body().get("event"));
        assertEquals("dev", chat.body().get("environment"));
        @SuppressWarnings("unchecked")
        Map<String, Object> release = (Map<String, Object>) chat.body().get("release");
        assertEquals("2", release.get("id").toString());
        assertEquals("2.0", release.get("version"));
        assertNoSecretShows(bad);
    }

    @Test
    public void aFailedRollbackReachesEveryWebhookEvenWhenOneIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        env.put("DEAD_HOOK_URL", "http://127.0.0.1:" + closedPort + "/dead/" + CHAT_TOKEN);
        writeConfig("    - url: env:DEAD_HOOK_URL\n");

        JarProcess bad = deployOverAGoodRelease("false");

        assertEquals(bad.transcript(), ExitCode.ROLLBACK_FAILED, bad.exitCode());
        List<Received> got = received();
        assertEquals(got.toString(), 2, got.size());
        Received chat = got.stream().filter(r -> r.path().equals("/chat/" + CHAT_TOKEN)).findFirst().orElseThrow();
        Received pager = got.stream().filter(r -> r.path().equals("/pager/" + PAGER_TOKEN)).findFirst().orElseThrow();
        assertEquals("rollback.failed", chat.event());
        assertEquals("rollback.failed", pager.body().get("event"));
        assertEquals(PAGER_AUTH, pager.authorization());
        assertEquals(null, chat.authorization());
        // The unreachable one is reported by its origin only, and the release's outcome is unchanged.
        assertTrue(bad.out(), bad.out().contains("warning: Release Ledger webhook to http://127.0.0.1:" + closedPort
                + ": rollback.failed for dev release 2 not delivered after 3 attempts"));
        assertNoSecretShows(bad);
    }

    @Test
    public void aWebhookWhoseVariableIsUnsetStopsTheDeployBeforeAnythingIsRecorded() throws Exception {
        env.remove("CHAT_HOOK_URL");

        JarProcess deploy = JarProcess.run(dir, env, "deploy", "dev", "app", "1.0", "--", "touch", "deployed");

        assertEquals(deploy.transcript(), ExitCode.BAD_INPUT, deploy.exitCode());
        assertEquals(deploy.transcript(), "release-ledger: notifications.webhooks[0].url is not valid: environment"
                + " variable CHAT_HOOK_URL is not set; export it before running release-ledger", deploy.err().strip());
        assertFalse(Files.exists(dir.resolve("deployed")));
        JarProcess history = JarProcess.run(dir, Map.of(), "history", "dev");
        assertTrue(history.transcript(), history.out().contains("no releases in dev"));
        assertNoSecretShows(deploy);
    }
}
