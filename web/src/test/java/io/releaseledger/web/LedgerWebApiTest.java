package io.releaseledger.web;

import static io.releaseledger.web.ScriptedLedger.ALICE;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The JSON API against a real H2 ledger. */
public class LedgerWebApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptedLedger f;
    private LedgerWeb web;

    @Before
    public void open() {
        f = new ScriptedLedger("dev", "staging", "production");
        web = new LedgerWeb(f.ledger);
    }

    @After
    public void close() throws Exception {
        f.close();
    }

    private JsonNode ok(String path, Map<String, String> query) throws Exception {
        WebResponse r = web.get(path, query);
        assertEquals(new String(r.body(), StandardCharsets.UTF_8), 200, r.status());
        assertEquals("application/json; charset=utf-8", r.contentType());
        return JSON.readTree(r.body());
    }

    private JsonNode ok(String path) throws Exception {
        return ok(path, Map.of());
    }

    private JsonNode failing(int status, String path, Map<String, String> query) throws Exception {
        WebResponse r = web.get(path, query);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(body, status, r.status());
        assertEquals("application/json; charset=utf-8", r.contentType());
        assertThat(body, not(containsString("\tat ")));
        assertThat(body, not(containsString("Exception")));
        return JSON.readTree(body);
    }

    // --- dashboard -----------------------------------------------------------------------------

    @Test
    public void dashboardShowsEachEnvironmentsLiveReleaseInPromotionOrder() throws Exception {
        f.live("dev", "payments-api", "2.0.0");
        f.live("staging", "payments-api", "1.0.0");
        JsonNode envs = ok("/api/dashboard").get("environments");
        assertEquals(List.of("dev", "staging", "production"), names(envs));
        assertEquals("2.0.0", envs.get(0).get("live").get("version").asText());
        assertEquals("LIVE", envs.get(0).get("state").asText());
        assertEquals("1.0.0", envs.get(1).get("live").get("version").asText());
        assertTrue(envs.get(2).get("live").isNull());
        assertEquals("EMPTY", envs.get(2).get("state").asText());
    }

    @Test
    public void dashboardCountsPendingApprovalsAndListsInFlightReleases() throws Exception {
        f.live("production", "payments-api", "1.0.0");
        Release waiting = f.move(f.request("production", "payments-api", "2.0.0", ALICE), ReleaseState.AWAITING_APPROVAL);
        Release deploying = f.move(f.move(f.request("staging", "payments-api", "2.0.0", ALICE), ReleaseState.APPROVED),
                ReleaseState.DEPLOYING);
        JsonNode envs = ok("/api/dashboard").get("environments");
        JsonNode production = envs.get(2);
        assertEquals(1, production.get("pendingApprovalCount").asInt());
        assertEquals(waiting.id(), production.get("pendingApprovals").get(0).get("id").asLong());
        assertEquals("AWAITING_APPROVAL", production.get("state").asText());
        JsonNode staging = envs.get(1);
        assertEquals("CHANGING", staging.get("state").asText());
        assertEquals(1, staging.get("inFlightCount").asInt());
        assertEquals(deploying.id(), staging.get("inFlight").get(0).get("id").asLong());
        assertEquals("DEPLOYING", staging.get("inFlight").get(0).get("state").asText());
    }

    @Test
    public void dashboardReportsDriftAgainstThePreviousEnvironmentAndWhichIsNewer() throws Exception {
        f.register("payments-api", "1.0.0");
        f.clock.advance(Duration.ofHours(1));
        f.register("payments-api", "2.0.0");
        f.live("dev", "payments-api", "2.0.0");
        f.live("staging", "payments-api", "2.0.0");
        f.live("production", "payments-api", "1.0.0");
        JsonNode envs = ok("/api/dashboard").get("environments");
        assertTrue(envs.get(0).get("drift").isNull());
        JsonNode staging = envs.get(1).get("drift");
        assertEquals("dev", staging.get("comparedWith").asText());
        assertFalse(staging.get("differs").asBoolean());
        JsonNode production = envs.get(2).get("drift");
        assertEquals("staging", production.get("comparedWith").asText());
        assertTrue(production.get("differs").asBoolean());
        assertEquals("previous", production.get("newer").asText());
        assertTrue(production.get("sameArtifact").asBoolean());
        assertEquals("2.0.0", production.get("previousLive").get("version").asText());
    }

    @Test
    public void dashboardDriftBetweenDifferentArtifactsSaysSoWithoutCallingEitherNewer() throws Exception {
        f.live("dev", "billing-worker", "3.1");
        f.live("staging", "payments-api", "1.0.0");
        JsonNode drift = ok("/api/dashboard").get("environments").get(1).get("drift");
        assertTrue(drift.get("differs").asBoolean());
        assertFalse(drift.get("sameArtifact").asBoolean());
        assertTrue(drift.get("newer").isNull());
    }

    @Test
    public void dashboardMarksADegradedEnvironmentWithItsReasonAndTheFailedAttempt() throws Exception {
        Release good = f.live("production", "payments-api", "1.0.0");
        Release bad = f.request("production", "payments-api", "2.0.0", ALICE);
        for (ReleaseState to : List.of(ReleaseState.APPROVED, ReleaseState.DEPLOYING, ReleaseState.DEPLOY_FAILED)) {
            bad = f.move(bad, to);
        }
        bad = f.ledger.transition(bad.id(), io.releaseledger.ledger.Transition.rollingBack(
                ReleaseState.DEPLOY_FAILED, good.id(), "rolling back"), ALICE);
        f.move(bad, ReleaseState.ROLLBACK_FAILED, "deploy.sh exited with status 1", ALICE);
        JsonNode production = ok("/api/dashboard").get("environments").get(2);
        assertEquals("DEGRADED", production.get("state").asText());
        assertTrue(production.get("degraded").asBoolean());
        assertThat(production.get("degradedReason").asText(), containsString("rollback of release " + bad.id()));
        assertEquals(bad.id(), production.get("lastAttempt").get("id").asLong());
        assertEquals("ROLLBACK_FAILED", production.get("lastAttempt").get("state").asText());
        assertEquals(good.id(), production.get("live").get("id").asLong());
    }

    @Test
    public void dashboardSummarisesTheHealthOfTheLiveReleasesLastVerification() throws Exception {
        Release good = f.live("production", "payments-api", "1.0.0");
        JsonNode health = ok("/api/dashboard").get("environments").get(2).get("health");
        assertEquals(good.id(), health.get("releaseId").asLong());
        assertEquals("DEPLOY", health.get("phase").asText());
        assertEquals(2, health.get("samples").asInt());
        assertEquals(2, health.get("healthy").asInt());
        assertEquals(0, health.get("unhealthy").asInt());
        assertEquals("HEALTHY", health.get("lastOutcome").asText());
        assertEquals("2026-11-29T10:01:50Z", health.get("lastSampleAt").asText());
        assertEquals(java.time.Instant.parse("2026-11-29T10:01:50Z").toEpochMilli(),
                health.get("lastSampleAtEpochMillis").asLong());
    }

    // --- history -------------------------------------------------------------------------------

    @Test
    public void historyPagesNewestFirstByKeysetAndReturnsNextBefore() throws Exception {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(f.request("staging", "payments-api", "1.0.0", ALICE).id());
        }
        java.util.Collections.reverse(created);
        List<Long> seen = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            JsonNode page = ok("/api/environments/staging/history",
                    before == null ? Map.of("limit", "3") : Map.of("limit", "3", "before", before));
            page.get("releases").forEach(r -> seen.add(r.get("id").asLong()));
            before = page.get("nextBefore").isNull() ? null : page.get("nextBefore").asText();
            pages++;
        } while (before != null);
        assertEquals(3, pages);
        assertEquals(created, seen);
    }

    @Test
    public void historyFiltersByArtifactAndState() throws Exception {
        f.live("production", "payments-api", "1.0.0");
        f.live("production", "billing-worker", "3.1");
        f.live("production", "payments-api", "2.0.0");
        JsonNode billing = ok("/api/environments/production/history", Map.of("artifact", "billing-worker"));
        assertEquals(1, billing.get("releases").size());
        assertEquals("billing-worker", billing.get("filter").get("artifact").asText());
        JsonNode superseded = ok("/api/environments/production/history",
                Map.of("artifact", "payments-api", "state", "superseded"));
        assertEquals(1, superseded.get("releases").size());
        assertEquals("1.0.0", superseded.get("releases").get(0).get("version").asText());
        assertEquals("SUPERSEDED", superseded.get("filter").get("state").asText());
    }

    @Test
    public void historyOfAnUnknownEnvironmentIs404NamingTheDefinedOnes() throws Exception {
        JsonNode error = failing(404, "/api/environments/prod/history", Map.of());
        assertEquals("environment", error.get("field").asText());
        assertThat(error.get("error").asText(), containsString("production"));
    }

    @Test
    public void badHistoryParametersAre400NamingTheParameterAndWhatIsAllowed() throws Exception {
        String h = "/api/environments/staging/history";
        assertBad(h, Map.of("limit", "0"), "limit", "from 1 to 500");
        assertBad(h, Map.of("limit", "501"), "limit", "from 1 to 500");
        assertBad(h, Map.of("limit", "ten"), "limit", "is not a number");
        assertBad(h, Map.of("before", "-4"), "before", "a release id, 1 or more");
        assertBad(h, Map.of("state", "LIVELY"), "state", "ROLLED_BACK");
        assertBad(h, Map.of("artifact", "<img src=x>"), "artifact", "letters, digits");
        assertBad(h, Map.of("limt", "5"), "limt", "it takes artifact, before, limit, state");
        assertBad("/api/environments/bad name!/history", Map.of(), "environment", "letters, digits");
    }

    private void assertBad(String path, Map<String, String> query, String field, String hint) throws Exception {
        JsonNode error = failing(400, path, query);
        assertEquals(field, error.get("field").asText());
        assertThat(error.get("error").asText(), containsString(hint));
        assertEquals(400, error.get("status").asInt());
    }

    // --- release -------------------------------------------------------------------------------

    @Test
    public void releaseTimelineHasEventsApprovalsSamplesRollbackTargetAndNotes() throws Exception {
        Release good = f.live("production", "payments-api", "1.0.0");
        Release bad = f.rolledBack("production", "payments-api", "2.0.0", good);
        JsonNode doc = ok("/api/releases/" + bad.id());
        assertEquals("ROLLED_BACK", doc.get("release").get("state").asText());
        assertEquals(good.id(), doc.get("rollbackTarget").get("id").asLong());
        assertEquals(good.id(), doc.get("previousLive").get("id").asLong());
        assertEquals("FILE", doc.get("artifact").get("kind").asText());
        assertEquals("bob", doc.get("approvals").get(0).get("approver").asText());
        assertEquals("ship it", doc.get("approvals").get(0).get("comment").asText());
        List<String> outcomes = new ArrayList<>();
        doc.get("samples").forEach(s -> outcomes.add(s.get("phase").asText() + " " + s.get("outcome").asText()));
        assertEquals(List.of("DEPLOY UNHEALTHY", "DEPLOY UNHEALTHY", "ROLLBACK HEALTHY"), outcomes);
        List<String> moves = new ArrayList<>();
        doc.get("events").forEach(e -> {
            if (e.get("type").asText().equals("RELEASE_STATE_CHANGED")) {
                moves.add(e.get("details").get("to").asText());
            }
        });
        assertEquals(List.of("AWAITING_APPROVAL", "APPROVED", "DEPLOYING", "VERIFYING", "UNHEALTHY", "ROLLING_BACK",
                "ROLLED_BACK"), moves);
        String notes = doc.get("releaseNotes").asText();
        assertThat(notes, startsWith("# Release " + bad.id() + ": payments-api 2.0.0 in production"));
        assertThat(notes, containsString("Approved by bob"));
        assertThat(notes, containsString("**Rolled back to:** release " + good.id()));
        assertThat(notes, containsString("**Before:** `payments-api` `1.0.0`"));
    }

    @Test
    public void aReleaseSaysWhichActionsItsStateAdmits() throws Exception {
        Release first = f.live("production", "payments-api", "1.0.0");
        Release bad = f.rolledBack("production", "payments-api", "2.0.0", first);
        Release second = f.live("production", "payments-api", "3.0.0");
        Release waiting = f.move(f.request("production", "payments-api", "4.0.0", ALICE), ReleaseState.AWAITING_APPROVAL);
        assertEquals("{\"decide\":false,\"rollBackTo\":true}", ok("/api/releases/" + first.id()).get("actions").toString());
        assertEquals("never live", "{\"decide\":false,\"rollBackTo\":false}",
                ok("/api/releases/" + bad.id()).get("actions").toString());
        assertEquals("live now", "{\"decide\":false,\"rollBackTo\":false}",
                ok("/api/releases/" + second.id()).get("actions").toString());
        assertEquals("{\"decide\":true,\"rollBackTo\":false}", ok("/api/releases/" + waiting.id()).get("actions").toString());
    }

    @Test
    public void unknownReleaseIs404AndAMalformedIdIs400() throws Exception {
        JsonNode missing = failing(404, "/api/releases/999", Map.of());
        assertEquals("id", missing.get("field").asText());
        assertThat(missing.get("error").asText(), containsString("no release 999"));
        JsonNode malformed = failing(400, "/api/releases/abc", Map.of());
        assertEquals("id", malformed.get("field").asText());
        assertThat(malformed.get("error").asText(), containsString("use a release number"));
        failing(400, "/api/releases/0", Map.of());
    }

    @Test
    public void onlyTheCanonicalSpellingOfANumberIsTaken() throws Exception {
        Release r = f.live("dev", "payments-api", "1.0.0");
        assertEquals(1, r.id());
        ok("/api/releases/1");
        // A fullwidth 1 (U+FF11, %EF%BC%91 in a URL), a sign, a leading zero, Arabic-Indic digits, an overflow.
        for (String id : List.of("\uFF11", "+1", "01", "\u0661", "1 ", "99999999999999999999")) {
            JsonNode error = failing(400, "/api/releases/" + id, Map.of());
            assertEquals(id, "id", error.get("field").asText());
            assertThat(error.get("error").asText(), containsString("in ASCII digits without a sign or leading zeros"));
        }
        String h = "/api/environments/dev/history";
        assertBad(h, Map.of("before", "02"), "before", "without a sign or leading zeros");
        assertBad(h, Map.of("limit", "+5"), "limit", "without a sign or leading zeros");
        assertBad(h, Map.of("limit", "\uFF15"), "limit", "without a sign or leading zeros");
        assertBad("/api/audit", Map.of("since", "00"), "since", "without a sign or leading zeros");
        assertEquals(1, ok("/api/audit", Map.of("since", "0", "limit", "1")).get("events").size());
    }

    @Test
    public void timesAreIsoUtcStringsWithEpochMillis() throws Exception {
        Release r = f.live("dev", "payments-api", "1.0.0");
        JsonNode release = ok("/api/releases/" + r.id()).get("release");
        assertEquals("2026-11-29T10:00:00Z", release.get("requestedAt").asText());
        assertEquals(ScriptedLedger.START.toEpochMilli(), release.get("requestedAtEpochMillis").asLong());
        assertEquals(r.liveAt().toString(), release.get("liveAt").asText());
        assertEquals(r.liveAt().toEpochMilli(), release.get("liveAtEpochMillis").asLong());
    }

    // --- audit ---------------------------------------------------------------------------------

    @Test
    public void auditPagesEventsAfterASequenceNumber() throws Exception {
        f.live("dev", "payments-api", "1.0.0");
        long total = f.ledger.exportEvents(0, e -> { });
        List<Long> seen = new ArrayList<>();
        String since = "0";
        while (since != null) {
            JsonNode page = ok("/api/audit", Map.of("since", since, "limit", "4"));
            assertTrue(page.get("events").size() <= 4);
            page.get("events").forEach(e -> seen.add(e.get("seq").asLong()));
            since = page.get("nextSince").isNull() ? null : page.get("nextSince").asText();
        }
        assertEquals(total, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, (long) seen.get(i));
        }
        assertBad("/api/audit", Map.of("since", "-1"), "since", "0 or more");
        assertBad("/api/audit", Map.of("limit", "100000"), "limit", "from 1 to 500");
    }

    @Test
    public void auditVerifyReportsAnIntactChainAndNamesTheFirstBrokenLink() throws Exception {
        f.live("dev", "payments-api", "1.0.0");
        JsonNode intact = ok("/api/audit/verify");
        List<String> fields = new ArrayList<>();
        intact.fieldNames().forEachRemaining(fields::add);
        assertEquals("the shape the CLI's audit verify --json writes too (AuditTamperIT)", List.of("intact",
                "eventsChecked", "releasesChecked", "unissuedIds", "firstBrokenSeq", "problem", "timeReversals",
                "firstReversalSeq", "summary"), fields);
        assertEquals(1, intact.get("releasesChecked").asLong());
        assertTrue(intact.get("intact").asBoolean());
        assertTrue(intact.get("firstBrokenSeq").isNull());
        assertEquals(0, intact.get("timeReversals").asLong());
        assertTrue(intact.get("firstReversalSeq").isNull());
        try (Connection c = f.store.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ledger_events SET actor = 'mallory' WHERE seq = 3");
        }
        JsonNode broken = ok("/api/audit/verify");
        assertFalse(broken.get("intact").asBoolean());
        assertEquals(3, broken.get("firstBrokenSeq").asLong());
        assertThat(broken.get("summary").asText(), containsString("BROKEN at event 3"));
    }

    // --- transport -----------------------------------------------------------------------------

    @Test
    public void jsonIsNosniffNeverCachedAndEscapesAngleBrackets() throws Exception {
        f.ledger.defineEnvironment("qa", 9, new io.releaseledger.ledger.Actor("<script>alert(1)</script>", "ci"));
        WebResponse r = web.get("/api/audit", Map.of());
        assertEquals("nosniff", r.headers().get("X-Content-Type-Options"));
        assertEquals("no-store", r.headers().get("Cache-Control"));
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(body, not(containsString("<script>")));
        assertThat(body, containsString("\\u003Cscript\\u003E"));
        assertTrue(JSON.readTree(body).toString().contains("<script>alert(1)</script>"));
    }

    @Test
    public void staticFilesHaveTheirContentTypesNosniffAndTheHtmlAContentSecurityPolicy() {
        WebResponse index = web.get("/", Map.of());
        assertEquals(200, index.status());
        assertEquals("text/html; charset=utf-8", index.contentType());
        assertThat(index.headers().get("Content-Security-Policy"), containsString("default-src 'self'"));
        assertThat(index.headers().get("Content-Security-Policy"), containsString("script-src 'self'"));
        assertEquals("nosniff", index.headers().get("X-Content-Type-Options"));
        assertEquals(200, web.get("/index.html", Map.of()).status());
        for (String js : List.of("/app.js", "/api.js", "/dom.js", "/time.js", "/dashboard.js", "/history.js",
                "/timeline.js")) {
            WebResponse r = web.get(js, Map.of());
            assertEquals(js, 200, r.status());
            assertEquals("text/javascript; charset=utf-8", r.contentType());
            assertEquals("nosniff", r.headers().get("X-Content-Type-Options"));
        }
        assertEquals("text/css; charset=utf-8", web.get("/style.css", Map.of()).contentType());
    }

    @Test
    public void nothingOutsideTheUiFolderCanBeRead() throws Exception {
        for (String path : List.of("/../pom.xml", "/%2e%2e/LedgerWeb.class", "/io/releaseledger/web/LedgerWeb.class",
                "/LedgerWeb.class", "/ui/index.html", "/.hidden.js", "/nope.js", "index.html", "/app.js/")) {
            assertEquals(path, 404, web.get(path, Map.of()).status());
        }
        JsonNode error = failing(404, "/api/nothing", Map.of());
        assertThat(error.get("error").asText(), containsString("/api/dashboard"));
    }

    @Test
    public void theUiHasNoInlineScriptsEventHandlersOrHtmlParsingOfData() throws Exception {
        String html = text("/index.html");
        assertFalse("inline script", html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"));
        assertFalse("inline event handler", html.matches("(?s).*\\son[a-z]+\\s*=.*"));
        assertFalse("inline style", html.matches("(?s).*\\sstyle\\s*=.*"));
        for (String js : List.of("app.js", "api.js", "dom.js", "time.js", "dashboard.js", "history.js", "timeline.js")) {
            String code = text("/" + js);
            for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                    "new Function", "javascript:")) {
                assertFalse(js + " uses " + sink, code.contains(sink));
            }
            assertFalse(js + " fetches an absolute path", code.matches("(?s).*fetch\\(\\s*['\"`]/.*"));
        }
    }

    private String text(String path) {
        return new String(web.get(path, Map.of()).body(), StandardCharsets.UTF_8);
    }

    /**
     * Inside Jenkins the stylesheet is loaded into Jenkins' own page: a rule that is not scoped to the console would
     * restyle Jenkins (a {@code body} rule under the reader's dark system setting turned a light-themed Jenkins page
     * dark), and a fixed colour would ignore Jenkins' theme. So every selector is under {@code .rl} or the stand-alone
     * page's {@code .rl-standalone}, and a colour literal appears only in the stand-alone theme or as the fallback
     * of one of the host's variables ({@code var(--text-color, #333)}).
     */
    @Test
    public void theStylesheetStylesOnlyTheConsoleAndTakesItsColoursFromTheHost() {
        List<String> problems = new ArrayList<>();
        String css = text("/style.css").replaceAll("(?s)/\\*.*?\\*/", "");
        java.util.regex.Matcher rule = java.util.regex.Pattern.compile("([^{}]+)\\{([^{}]*)}").matcher(css);
        while (rule.find()) {
            String selectors = rule.group(1).trim();
            String body = rule.group(2);
            for (String selector : selectors.split(",")) {
                String s = selector.trim();
                if (!s.matches("(:root)?\\.rl(-standalone)?\\b.*|[a-z]*\\.rl-[a-z-]+.*")) problems.add("unscoped selector " + s);
            }
            if (selectors.equals(":root.rl-standalone")) continue; // the stand-alone page's own theme
            String withoutFallbacks = body.replaceAll("var\\(--[a-z-]+,\\s*#[0-9a-fA-F]{3,8}\\)", "");
            java.util.regex.Matcher colour = java.util.regex.Pattern.compile("#[0-9a-fA-F]{3,8}\\b|rgb\\(|hsl\\(")
                    .matcher(withoutFallbacks);
            if (colour.find()) problems.add(selectors + " has the fixed colour " + colour.group());
        }
        assertEquals("the console's stylesheet:\n" + String.join("\n", problems), List.of(), problems);
    }

    @Test
    public void aClosedLedgerIs503WithoutAStackTrace() throws Exception {
        f.ledger.close();
        JsonNode error = failing(503, "/api/dashboard", Map.of());
        assertThat(error.get("error").asText(), containsString("release ledger"));
    }

    private static List<String> names(JsonNode envs) {
        List<String> names = new ArrayList<>();
        envs.forEach(e -> names.add(e.get("name").asText()));
        return names;
    }
}
