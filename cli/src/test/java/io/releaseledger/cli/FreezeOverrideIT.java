package io.releaseledger.cli;

import static io.releaseledger.cli.DeadOwnerIT.json;
import static io.releaseledger.cli.DeadOwnerIT.list;
import static io.releaseledger.cli.DeadOwnerIT.object;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * An emergency deploy through a freeze window: who overrode which window, and why, stands out wherever the
 * release is shown — the deploy's own output, show, history, status, notes (text and JSON) and the console's API;
 * an override without a reason is bad input (exit 2) and records nothing. On H2 and PostgreSQL.
 */
public class FreezeOverrideIT extends OnBothStores {
    private static final String REASON = "INC-1234 payments down";
    /** Production in a change freeze from 2000 to 2100. */
    private static final String FROZEN_PRODUCTION = String.join("\n",
            "environments:",
            "  production:",
            "    freezes:",
            "      - name: change-freeze",
            "        start: 2000-01-01T00:00",
            "        end: 2100-01-01T00:00",
            "        zone: UTC",
            "");


    public FreezeOverrideIT(String storeName) {
        super(storeName, "freeze-override-it-", FROZEN_PRODUCTION);
    }


    @Test
    public void anEmptyReasonIsBadInputAndRecordsNothing() throws Exception {
        JarProcess frozen = JarProcess.run(dir, Map.of(), "deploy", "production", "app", "1.0", "--", "true");
        assertEquals(frozen.transcript(), ExitCode.REFUSED, frozen.exitCode());
        for (String reason : new String[] {"", "   "}) {
            JarProcess empty = JarProcess.run(dir, Map.of(), "deploy", "production", "app", "1.0",
                    "--override-freeze", reason, "--", "true");
            assertEquals(empty.transcript(), ExitCode.BAD_INPUT, empty.exitCode());
            assertEquals(empty.transcript(), 1, empty.err().lines().count());
            assertTrue(empty.err(), empty.err().startsWith("release-ledger: --override-freeze "));
        }
        assertEquals("[]", list(json(JarProcess.run(dir, Map.of(), "history", "production", "--json"))
                .get("releases")).toString());
    }

    @Test
    public void whoOverrodeWhichFreezeAndWhyStandsOutWhereverTheReleaseIsShown() throws Exception {
        JarProcess deploy = JarProcess.run(dir, Map.of(), "deploy", "production", "app", "1.0", "--as", "alice",
                "--override-freeze", REASON, "--", "true");
        assertEquals(deploy.transcript(), 0, deploy.exitCode());
        String said = "FREEZE OVERRIDDEN: freeze 'change-freeze' (until 2100-01-01T00:00:00Z) overridden by alice: "
                + REASON;
        assertTrue(deploy.out(), deploy.out().contains(said));

        JarProcess show = JarProcess.run(dir, Map.of(), "show", "1");
        assertTrue(show.out(), show.out().contains("  " + said + " (at "));
        JarProcess history = JarProcess.run(dir, Map.of(), "history", "production");
        assertTrue(history.out(), history.out().contains(said));
        JarProcess status = JarProcess.run(dir, Map.of(), "status");
        assertTrue(status.out(), status.out().contains("live through a FREEZE OVERRIDE: freeze 'change-freeze'"));
        JarProcess notes = JarProcess.run(dir, Map.of(), "notes", "1");
        assertTrue(notes.out(), notes.out().contains("> **Freeze overridden:** deployed through freeze window"
                + " `change-freeze`"));
        assertTrue(notes.out(), notes.out().contains("emergency override of alice"));
        assertTrue(notes.out(), notes.out().contains("INC\\-1234 payments down") || notes.out().contains(REASON));

        assertOverride(object(json(JarProcess.run(dir, Map.of(), "show", "1", "--json")).get("release")));
        assertOverride(object(list(json(JarProcess.run(dir, Map.of(), "history", "production", "--json"))
                .get("releases")).get(0)));
        assertOverride(object(object(list(json(JarProcess.run(dir, Map.of(), "status", "--json"))
                .get("environments")).get(0)).get("live")));

        try (JarProcess serve = JarProcess.startInOwnGroup(dir, Map.of(), "serve", "--port", "0")) {
            serve.awaitOutput("(read-only;");
            Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)").matcher(serve.out());
            assertTrue(serve.out(), url.find());
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url.group(1) + "api/releases/1")).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> page = JsonMaps.read(api.body());
            assertOverride(object(page.get("release")));
            assertTrue(api.body(), ((String) page.get("releaseNotes")).contains("**Freeze overridden:**"));
            serve.signalGroup("TERM");
            assertEquals(serve.transcript(), 0, serve.exitCode());
        }
    }

    private static void assertOverride(Map<String, Object> release) {
        Map<String, Object> f = object(release.get("freezeOverride"));
        assertEquals(release.toString(), "change-freeze", f.get("freeze"));
        assertEquals(release.toString(), "alice", f.get("by"));
        assertEquals(release.toString(), REASON, f.get("reason"));
        assertEquals(release.toString(), "2100-01-01T00:00:00Z", f.get("frozenUntil"));
    }
}
