package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;

/**
 * A release whose owner is gone — killed with SIGKILL, or cut off from the ledger (exit 6) — reads INTERRUPTED in
 * every view once its lease has expired, saying whose lease and since when, without anybody writing; the next
 * command that writes records it. On the embedded H2 ledger and on PostgreSQL. Leases last 3 s here
 * ({@code RELEASE_LEDGER_LEASE_TTL}); the waits for them are bounded polls, and nothing asserts on time.
 */
public class DeadOwnerIT extends OnBothStores {
    private static final Map<String, String> SHORT_LEASE = Map.of(EngineSupport.LEASE_TTL_VARIABLE, "3s");
    /** Verifies every 2 s for as long as a test runs (the lease is extended to cover each pause, then for 3 s). */
    private static final String[] VERIFYING_FOR_AN_HOUR = {"--check-command", "touch probed", "--interval", "2s",
            "--max-duration", "2h", "--success-threshold", "1000", "--", "true"};


    public DeadOwnerIT(String storeName) {
        super(storeName, "dead-owner-it-", STAGING);
    }

    @Before
    public void secondArtifact() throws Exception {
        Files.writeString(dir.resolve("app-2.jar"), "the app, again");
    }

    @Test
    public void aKilledOwnersReleaseReadsInterruptedEverywhereAndTheNextCommandThatWritesRecordsIt() throws Exception {
        try (JarProcess deploy = JarProcess.startInOwnGroup(dir, SHORT_LEASE, deploy(VERIFYING_FOR_AN_HOUR))) {
            deploy.awaitOutput("healthy: ");
            deploy.signal("KILL");
            deploy.exitCode();
        }
        assertReadsInterruptedWithoutWriting(dir, "VERIFYING");

        JarProcess register = JarProcess.run(dir, Map.of(), "register", "app", "2.0", "app-2.jar");
        assertEquals(register.transcript(), 0, register.exitCode());
        assertTrue(register.out(), register.out().contains("release 1 is now recorded INTERRUPTED"));
        Map<String, Object> settled = json(JarProcess.run(dir, Map.of(), "show", "1", "--json"));
        Map<String, Object> release = object(settled.get("release"));
        assertEquals("INTERRUPTED", release.get("state"));
        assertEquals("recorded now: no longer a view of it", null, release.get("lostOwner"));
        assertTrue(settled.toString(), settled.toString().contains("LEASE_EXPIRED"));
        assertEquals(0, JarProcess.run(dir, Map.of(), "audit", "verify").exitCode());
    }

    @Test
    @SuppressWarnings("try") // the proxy is closed inside its block on purpose: that is the outage
    public void aReleaseWhoseOwnerLostTheLedgerAndExited6ReadsInterruptedOnceItsLeaseExpired() throws Exception {
        Assume.assumeTrue("a ledger cut off mid-release is a PostgreSQL connection through a proxy the test closes",
                CliStore.POSTGRES.equals(storeName));
        Path cutOff = Files.createTempDirectory("dead-owner-it-proxied-");
        try (TcpProxy proxy = TcpProxy.to(store.postgresAddress())) {
            Files.writeString(cutOff.resolve("release-ledger.yaml"),
                    store.yaml().replace(store.postgresAddress(), proxy.address()) + "environments:\n  staging: {}\n");
            try (JarProcess deploy = JarProcess.startInOwnGroup(cutOff, SHORT_LEASE, deploy(VERIFYING_FOR_AN_HOUR))) {
                deploy.awaitOutput("healthy: ");
                proxy.close(); // the network to the ledger goes away mid-verification
                assertEquals(deploy.transcript(), ExitCode.LEDGER_UNAVAILABLE, deploy.exitCode());
            }
        }
        // Read through the direct connection, as another machine would.
        assertReadsInterruptedWithoutWriting(dir, "VERIFYING");
    }

    /**
     * Polls (the lease must expire first) until status says INTERRUPTED, then checks history, show and the console,
     * in text and JSON, and that none of these reads wrote an event.
     */
    private void assertReadsInterruptedWithoutWriting(Path in, String recorded) throws Exception {
        long eventsBefore = events(in);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Map<String, Object> env;
        while (true) {
            env = object(list(json(JarProcess.run(in, Map.of(), "status", "--json")).get("environments")).get(0));
            if (!list(env.get("interrupted")).isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                fail("release 1 never read INTERRUPTED: " + env);
            }
            Thread.sleep(200);
        }
        assertEquals(env.toString(), List.of(), env.get("inFlight"));
        Map<String, Object> lost = object(object(list(env.get("interrupted")).get(0)).get("lostOwner"));
        assertEquals(recorded, lost.get("recordedState"));
        assertTrue(lost.toString(), String.valueOf(lost.get("leaseHolder")).contains("(release-ledger pid "));
        assertTrue(lost.toString(), lost.get("leaseExpiredAt") != null);

        JarProcess status = JarProcess.run(in, Map.of(), "status");
        assertTrue(status.out(), status.out().contains("release 1 app 1.0 INTERRUPTED: its owner stopped (the lease of "));
        JarProcess history = JarProcess.run(in, Map.of(), "history", "staging");
        assertTrue(history.out(), history.out().matches("(?s).*\\n1 +INTERRUPTED .*its owner stopped: the lease held by .*"
                + " expired at .* without renewal \\(the ledger still records " + recorded + ";.*"));
        Map<String, Object> page = json(JarProcess.run(in, Map.of(), "history", "staging", "--json"));
        Map<String, Object> first = object(list(page.get("releases")).get(0));
        assertEquals("INTERRUPTED", first.get("state"));
        assertEquals(recorded, object(first.get("lostOwner")).get("recordedState"));
        JarProcess show = JarProcess.run(in, Map.of(), "show", "1");
        assertTrue(show.out(), show.out().contains("state:      INTERRUPTED - its owner stopped: the lease held by "));
        assertEquals("INTERRUPTED", object(json(JarProcess.run(in, Map.of(), "show", "1", "--json")).get("release"))
                .get("state"));

        try (JarProcess serve = JarProcess.startInOwnGroup(in, Map.of(), "serve", "--port", "0")) {
            serve.awaitOutput("(read-only;");
            Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)").matcher(serve.out());
            assertTrue(serve.out(), url.find());
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url.group(1) + "api/releases/1")).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> shown = object(JsonMaps.read(api.body()).get("release"));
            assertEquals(api.body(), "INTERRUPTED", shown.get("state"));
            assertEquals(api.body(), recorded, object(shown.get("lostOwner")).get("recordedState"));
            serve.signalGroup("TERM");
            assertEquals(serve.transcript(), 0, serve.exitCode());
        }
        assertEquals("reading never writes", eventsBefore, events(in));
        assertFalse(show.out().contains("LEASE_EXPIRED"));
    }

    private static long events(Path in) throws Exception {
        JarProcess verify = JarProcess.run(in, Map.of(), "audit", "verify", "--json");
        assertEquals(verify.transcript(), 0, verify.exitCode());
        return ((Number) json(verify).get("eventsChecked")).longValue();
    }

    private static String[] deploy(String... rest) {
        String[] head = {"deploy", "staging", "app", "1.0"};
        String[] all = new String[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    static Map<String, Object> json(JarProcess p) throws Exception {
        assertEquals(p.transcript(), 0, p.exitCode());
        return JsonMaps.read(p.out());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
