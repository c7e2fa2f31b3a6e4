package io.releaseledger.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.InvalidInputException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The persisted form of a release's verification plan: exact round trips and precise refusals. */
public class VerificationPlanTest {

    private static final VerificationPolicy POLICY = VerificationPolicy.DEFAULTS;

    private static final HttpCheck HTTP_FULL = new HttpCheck("payments health", URI.create("https://staging.example.com:8443/health?deep=1&x=%20y#top"),
            "GET", StatusSet.parse("200,204,3xx,401-403"), BodyExpectation.jsonPointer("/components/db~1main/status", "UP"),
            Map.of("X-Probe", "release-ledger <1.0> & \"friends\"", "Accept", "application/json"),
            HttpCredentials.basic("probe", "staging-probe-password"), Duration.ofMillis(1500));
    private static final HttpCheck HTTP_REGEX = HttpCheck.of("http://10.0.0.7/ready")
            .withBody(BodyExpectation.matches("\"status\"\\s*:\\s*\"(UP|ok)\"\\n?é\u2028"))
            .withCredentials(HttpCredentials.bearer("staging-probe-token")).withTimeout(Duration.ofMinutes(2));
    private static final HttpCheck HTTP_HEAD = HttpCheck.of("https://staging.example.com/").expecting("200").named("head")
            .withHeader("X-Empty", "");
    private static final PrometheusCheck PROM_FULL = new PrometheusCheck("5xx rate", URI.create("https://prom.example.com/prometheus"),
            "sum(rate(http_requests_total{code=~\"5..\",app=\"payments\"}[1m]))", new Condition(Condition.Operator.LESS_OR_EQUAL, 0.1),
            HttpCredentials.bearer("prom-token"), Duration.ofSeconds(3));
    private static final CommandCheck COMMAND_FULL = new CommandCheck("smoke", List.of("./smoke test.sh", "staging", "--flag=a b", ""),
            Path.of("/opt/app/smoke tests"), Map.of("TARGET", "staging", "EMPTY", "", "LANG", "C.UTF-8"), Duration.ofSeconds(90));

    private static VerificationPlan plan(HealthCheck... checks) {
        return new VerificationPlan(Arrays.asList(checks), POLICY);
    }

    private static void assertRoundTrips(VerificationPlan p) {
        String json = p.toJson();
        VerificationPlan back = VerificationPlan.fromJson(json);
        assertEquals(json, p, back);
        assertEquals(p.hashCode(), back.hashCode());
        assertEquals("the same plan gives the same text", json, back.toJson());
    }

    private static InvalidVerificationPlanException refused(String json) {
        return assertThrows(json, InvalidVerificationPlanException.class, () -> VerificationPlan.fromJson(json));
    }

    private static void assertRefused(String json, String path, String... mentions) {
        InvalidVerificationPlanException e = refused(json);
        assertEquals(e.getMessage(), path, e.field());
        assertTrue(e.getMessage(), e.getMessage().startsWith("verification plan " + path + ": "));
        for (String m : mentions) assertTrue("should mention " + m + ": " + e.getMessage(), e.getMessage().contains(m));
    }

    /** A valid plan's JSON with one piece of text replaced, as a tamperer or a buggy writer would. */
    private static String tampered(VerificationPlan p, String from, String to) {
        String json = p.toJson();
        assertTrue(json + " should contain " + from, json.contains(from));
        return json.replace(from, to);
    }

    @Test
    public void roundTripsEveryCheckKindWithAllOptionalFields() {
        for (VerificationPlan p : List.of(plan(HTTP_FULL), plan(HTTP_REGEX), plan(PROM_FULL), plan(COMMAND_FULL),
                plan(HTTP_FULL, PROM_FULL, COMMAND_FULL, HTTP_REGEX, HTTP_FULL))) {
            assertRoundTrips(p);
        }
    }

    @Test
    public void roundTripsEveryCheckKindWithOptionalFieldsUnset() {
        List<HealthCheck> minimal = List.of(HttpCheck.of("https://staging.example.com/health"), HTTP_HEAD,
                PrometheusCheck.of("http://prom:9090", "up", "> 0"), CommandCheck.of("true"),
                new HttpCheck("", URI.create("https://a.example.com"), null, null, null, null, null, null));
        for (HealthCheck c : minimal) assertRoundTrips(plan(c));
        assertRoundTrips(new VerificationPlan(minimal, POLICY));
    }

    @Test
    public void roundTripsConditionThresholdsBitForBit() {
        for (double t : new double[] {0.1, -3.25, 1e300, -1e-300, 1.0E-7, 99, Double.MAX_VALUE, Double.MIN_VALUE, 0.0, -0.0, 1e15, 123456789.123456789}) {
            for (Condition.Operator op : Condition.Operator.values()) {
                PrometheusCheck c = new PrometheusCheck("q", URI.create("https://prom.example.com"), "up", new Condition(op, t), null, null);
                assertRoundTrips(plan(c));
            }
        }
        VerificationPlan negativeZero = plan(PrometheusCheck.of("https://prom.example.com", "up", "> 0")
                .named("q").withTimeout(null));
        assertNotEquals("-0.0 and 0.0 stay distinct", VerificationPlan.fromJson(negativeZero.toJson().replace("\"threshold\":0.0", "\"threshold\":-0.0")),
                negativeZero);
    }

    @Test
    public void roundTripsAnEmptyPlanAndAnyRecordablePolicy() {
        VerificationPolicy policy = new VerificationPolicy(Duration.ofMillis(5_250), Duration.ofMillis(250), Duration.ofMillis(1),
                7, 1, Duration.ofDays(1), Duration.ofDays(2).plusHours(3).plusMillis(1));
        assertRoundTrips(new VerificationPlan(List.of(), policy));
        assertRoundTrips(new VerificationPlan(List.of(COMMAND_FULL), policy));
        assertTrue(new VerificationPlan(List.of(), policy).toJson().contains("\"maxDuration\":\"51h1ms\""));
    }

    @Test
    public void writesCanonicalJsonWithVersionKindAndSortedKeys() {
        assertEquals("{\"checks\":[{\"body\":null,\"credentials\":null,\"expectStatus\":\"2xx\",\"headers\":{},\"kind\":\"http\","
                        + "\"method\":\"GET\",\"name\":\"GET https://staging.example.com/health\",\"timeout\":null,"
                        + "\"url\":\"https://staging.example.com/health\"}],"
                        + "\"policy\":{\"bakeTime\":\"0s\",\"failureThreshold\":2,\"initialDelay\":\"0s\",\"interval\":\"10s\","
                        + "\"maxDuration\":\"5m\",\"probeTimeout\":\"5s\",\"successThreshold\":3},\"version\":1}",
                plan(HttpCheck.of("https://staging.example.com/health")).toJson());
        String all = plan(HTTP_FULL, PROM_FULL, COMMAND_FULL).toJson();
        assertTrue(all, all.contains("\"kind\":\"prometheus\""));
        assertTrue(all, all.contains("\"kind\":\"command\""));
        assertTrue(all, all.contains("\"condition\":{\"operator\":\"\\u003c=\",\"threshold\":0.1}"));
        assertTrue(all, all.contains("\"credentials\":{\"kind\":\"basic\",\"passwordRef\":\"staging-probe-password\",\"username\":\"probe\"}"));
        assertTrue(all, all.contains("\"body\":{\"expected\":\"UP\",\"kind\":\"jsonPointer\",\"pointer\":\"/components/db~1main/status\"}"));
        assertTrue(all, all.contains("\"headers\":{\"Accept\":\"application/json\",\"X-Probe\":"));
        assertTrue(all, all.contains("\"timeout\":\"1s500ms\""));
        assertTrue(all, all.contains("\"workingDirectory\":\"/opt/app/smoke tests\""));
    }

    @Test
    public void carriesSecretReferencesNeverResolvedValues() throws Exception {
        Map<String, String> vault = Map.of("staging-probe-password", "s3cr3t-password", "staging-probe-token", "tok-abc123", "prom-token", "tok-prom-999");
        SecretResolver resolver = ref -> vault.get(ref).toCharArray();
        VerificationPlan p = plan(HTTP_FULL, HTTP_REGEX, PROM_FULL);
        String json = p.toJson();
        for (Map.Entry<String, String> e : vault.entrySet()) {
            assertEquals("the reference is resolvable", e.getValue(), new String(resolver.resolve(e.getKey())));
            assertTrue(json, json.contains("\"" + e.getKey() + "\""));
            assertFalse(json, json.contains(e.getValue()));
            assertFalse(p.toString().contains(e.getValue()));
            assertFalse(VerificationPlan.fromJson(json).toString().contains(e.getValue()));
        }
        // The credential records have no component that could hold a resolved value.
        assertEquals(List.of("tokenRef"), Arrays.stream(HttpCredentials.Bearer.class.getRecordComponents()).map(c -> c.getName()).toList());
        assertEquals(List.of("username", "passwordRef"), Arrays.stream(HttpCredentials.Basic.class.getRecordComponents()).map(c -> c.getName()).toList());
    }

    @Test
    public void refusesUnknownCheckKindNamingThePath() {
        VerificationPlan p = plan(HTTP_HEAD, PROM_FULL);
        assertRefused(tampered(p, "\"kind\":\"prometheus\"", "\"kind\":\"grpc\""), "checks[1].kind", "http, prometheus, command", "\"grpc\"");
        assertRefused(tampered(p, "\"kind\":\"prometheus\"", "\"kind\":\"Prometheus\""), "checks[1].kind");
        assertRefused(tampered(plan(HTTP_FULL), "\"kind\":\"basic\"", "\"kind\":\"digest\""), "checks[0].credentials.kind", "bearer or basic");
        assertRefused(tampered(plan(HTTP_FULL), "\"kind\":\"jsonPointer\"", "\"kind\":\"xpath\""), "checks[0].body.kind", "matches or jsonPointer");
    }

    @Test
    public void refusesUnknownKeysNamingThePath() {
        assertRefused(tampered(plan(HTTP_HEAD), "\"version\":1", "\"version\":1,\"note\":\"x\""), "note", "unknown key");
        assertRefused(tampered(plan(HTTP_HEAD), "\"kind\":\"http\"", "\"kind\":\"http\",\"insecure\":true"), "checks[0].insecure", "unknown key", "url");
        assertRefused(tampered(plan(PROM_FULL), "\"operator\"", "\"epsilon\":0.1,\"operator\""), "checks[0].condition.epsilon");
        assertRefused(tampered(plan(HTTP_HEAD), "\"interval\"", "\"jitter\":\"1s\",\"interval\""), "policy.jitter");
        assertRefused(tampered(plan(HTTP_FULL), "\"kind\":\"basic\"", "\"kind\":\"basic\",\"password\":\"hunter2\""), "checks[0].credentials.password");
        // A key valid for one kind is unknown on another.
        assertRefused(tampered(plan(CommandCheck.of("true")), "\"kind\":\"command\"", "\"kind\":\"command\",\"url\":\"https://a\""), "checks[0].url");
    }

    @Test
    public void refusesMissingKeysNamingThePath() {
        assertRefused(tampered(plan(HTTP_HEAD), ",\"url\":\"https://staging.example.com/\"", ""), "checks[0].url", "missing");
        assertRefused(tampered(plan(HTTP_HEAD), "\"body\":null,", ""), "checks[0].body", "null for an unset optional value");
        assertRefused(tampered(plan(HTTP_HEAD, CommandCheck.of("true")), "\"argv\":[\"true\"],", ""), "checks[1].argv");
        assertRefused(tampered(plan(HTTP_HEAD), "\"kind\":\"http\",", ""), "checks[0].kind");
        assertRefused(tampered(plan(PROM_FULL), ",\"threshold\":0.1", ""), "checks[0].condition.threshold");
        assertRefused(tampered(plan(HTTP_HEAD), "\"successThreshold\":3", "\"x\":3"), "policy.x");
        assertRefused(tampered(plan(HTTP_HEAD), ",\"successThreshold\":3", ""), "policy.successThreshold");
        assertRefused("{\"checks\":[],\"version\":1}", "policy");
        assertRefused("{\"checks\":[]}", "version");
    }

    @Test
    public void refusesWrongTypesNamingThePathAndTheExpectedType() {
        VerificationPlan p = plan(HTTP_FULL, COMMAND_FULL);
        assertRefused(tampered(p, "\"url\":\"https://staging.example.com:8443/health?deep=1\\u0026x=%20y#top\"", "\"url\":42"),
                "checks[0].url", "expected a string", "the number 42");
        assertRefused(tampered(p, "\"headers\":{", "\"headers\":{\"X-Count\":1,"), "checks[0].headers.X-Count", "expected a string");
        assertRefused(tampered(p, "\"argv\":[\"./smoke test.sh\"", "\"argv\":[null"), "checks[1].argv[0]", "expected a string, found null");
        assertRefused(tampered(p, "\"argv\":[\"./smoke test.sh\",\"staging\",\"--flag=a b\",\"\"]", "\"argv\":\"./smoke test.sh staging\""),
                "checks[1].argv", "expected an array, found the string");
        assertRefused(tampered(p, "\"timeout\":\"1m30s\"", "\"timeout\":90000"), "checks[1].timeout", "expected a string");
        assertRefused(tampered(p, "\"timeout\":\"1m30s\"", "\"timeout\":\"90\""), "checks[1].timeout", "expected a duration", "unit is missing");
        assertRefused(tampered(p, "\"successThreshold\":3", "\"successThreshold\":\"3\""), "policy.successThreshold", "whole number");
        assertRefused(tampered(p, "\"successThreshold\":3", "\"successThreshold\":3.0"), "policy.successThreshold", "whole number");
        assertRefused(tampered(p, "\"failureThreshold\":2", "\"failureThreshold\":99999999999"), "policy.failureThreshold");
        assertRefused(tampered(p, "\"credentials\":{\"kind\":\"basic\",\"passwordRef\":\"staging-probe-password\",\"username\":\"probe\"}",
                "\"credentials\":\"staging-probe-password\""), "checks[0].credentials", "expected an object, found the string");
        assertRefused(p.toJson().replace("\"checks\":[", "\"checks\":[7,"), "checks[0]", "expected an object, found the number 7");
        assertRefused(tampered(p, "\"checks\":[", "\"checks\":{\"a\":[").replace("],\"policy\"", "]},\"policy\""), "checks", "expected an array");
        assertRefused(p.toJson().replaceAll("\"policy\":\\{[^}]*}", "\"policy\":true"), "policy", "expected an object, found true");
        assertRefused("[]", "$", "expected an object, found an array");
        assertRefused(tampered(plan(PROM_FULL), "\"threshold\":0.1", "\"threshold\":\"0.1\""), "checks[0].condition.threshold", "expected a number");
        assertRefused(tampered(plan(PROM_FULL), "\"operator\":\"\\u003c=\"", "\"operator\":\"=<\""), "checks[0].condition.operator", "<=");
    }

    @Test
    public void refusesUnsupportedVersionBeforeReadingAnythingElse() {
        assertRefused(tampered(plan(HTTP_HEAD), "\"version\":1", "\"version\":2"), "version", "expected 1", "the number 2");
        assertRefused("{\"version\":2,\"probes\":[]}", "version", "expected 1");
        assertRefused(tampered(plan(HTTP_HEAD), "\"version\":1", "\"version\":1.0"), "version");
        assertRefused(tampered(plan(HTTP_HEAD), "\"version\":1", "\"version\":\"1\""), "version", "the string \"1\"");
        assertRefused(tampered(plan(HTTP_HEAD), "\"version\":1", "\"version\":null"), "version");
    }

    @Test
    public void refusesTextThatIsNotJsonOrRepeatsAKey() {
        assertRefused("", "$", "expected JSON text");
        assertRefused(plan(HTTP_HEAD).toJson() + "x", "$", "unexpected text after the JSON value");
        assertRefused(tampered(plan(HTTP_HEAD), "\"kind\":\"http\"", "\"kind\":\"http\",\"url\":\"https://elsewhere.example.com/\""),
                "$", "duplicate member name \"url\"");
    }

    @Test
    public void revalidatesThroughTheRecordsOwnConstructors() {
        VerificationPlan http = plan(CommandCheck.of("true"), HTTP_FULL);
        assertRefused(tampered(http, "\"url\":\"https://staging.example.com:8443", "\"url\":\"ftp://staging.example.com:8443"),
                "checks[1].url", "only http:// and https://");
        InvalidVerificationPlanException userInfo = refused(tampered(http, "\"url\":\"https://staging", "\"url\":\"https://probe:hunter2@staging"));
        assertEquals("checks[1].url", userInfo.field());
        assertFalse(userInfo.getMessage(), userInfo.getMessage().contains("hunter2"));
        assertTrue(userInfo.getCause() instanceof InvalidHealthCheckException);
        assertRefused(tampered(http, "\"url\":\"https://staging", "\"url\":\"https:// staging"), "checks[1].url", "expected an http:// or https:// URL");
        assertRefused(tampered(http, "\"method\":\"GET\"", "\"method\":\"POST\""), "checks[1].method", "GET or HEAD");
        assertRefused(tampered(http, "\"expectStatus\":\"200,204,3xx,401-403\"", "\"expectStatus\":\"600\""), "checks[1].expectStatus");
        assertRefused(tampered(http, "\"Accept\":", "\"Authorization\":\"Bearer x\",\"Accept\":"), "checks[1].headers", "secret reference");
        assertRefused(tampered(http, "\"pointer\":\"/components", "\"pointer\":\"components"), "checks[1].body.pointer", "starts with '/'");
        assertRefused(tampered(http, "\"username\":\"probe\"", "\"username\":\"pro:be\""), "checks[1].credentials.username");
        assertRefused(tampered(http, "\"passwordRef\":\"staging-probe-password\"", "\"passwordRef\":\" \""), "checks[1].credentials.passwordRef");
        assertRefused(tampered(http, "\"timeout\":\"1s500ms\"", "\"timeout\":\"0s\""), "checks[1].timeout", "positive duration");
        assertRefused(tampered(plan(HTTP_HEAD.withBody(BodyExpectation.matches("UP"))), "\"regex\":\"UP\"", "\"regex\":\"(UP\""),
                "checks[0].body.regex", "regular expression");
        assertRefused(tampered(plan(PROM_FULL), "\"threshold\":0.1", "\"threshold\":1e999"), "checks[0].condition.threshold");
        assertRefused(plan(PROM_FULL).toJson().replaceAll("\"query\":\"(\\\\.|[^\"\\\\])*\"", "\"query\":\"   \""), "checks[0].query", "PromQL");
        assertRefused(tampered(plan(PROM_FULL), "\"server\":\"https://prom.example.com/prometheus\"",
                "\"server\":\"https://prom.example.com/prometheus?x=1\""), "checks[0].server", "base URL");
        assertRefused(tampered(plan(COMMAND_FULL), "\"argv\":[\"./smoke test.sh\"", "\"argv\":[\"\""), "checks[0].argv", "program");
        assertRefused(tampered(plan(COMMAND_FULL), "\"EMPTY\":", "\"A=B\":"), "checks[0].environment");
        assertRefused(tampered(plan(COMMAND_FULL), "\"workingDirectory\":\"/opt", "\"workingDirectory\":\"\\u0000/opt"),
                "checks[0].workingDirectory");
        assertRefused(tampered(plan(HTTP_HEAD), "\"successThreshold\":3", "\"successThreshold\":0"), "policy.successThreshold", "at least 1");
        assertRefused(tampered(plan(HTTP_HEAD), "\"maxDuration\":\"5m\"", "\"maxDuration\":\"5s\""), "policy.maxDuration", "HEALTHY could never be reached");
        assertRefused(tampered(plan(HTTP_HEAD), "\"interval\":\"10s\"", "\"interval\":\"0s\""), "policy.interval", "longer than 0");
        for (String bad : List.of("\"ftp://x\"", "\"2xx\"")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> VerificationPlan.fromJson(tampered(plan(HTTP_HEAD), "\"url\":\"https://staging.example.com/\"", "\"url\":" + bad)));
            assertTrue("one exception type for every refusal", e instanceof InvalidVerificationPlanException);
        }
    }

    @Test
    public void refusesDurationsThatCannotBeRecordedExactly() {
        InvalidVerificationPlanException e = assertThrows(InvalidVerificationPlanException.class,
                () -> plan(HTTP_HEAD, CommandCheck.of("true").withTimeout(Duration.ofNanos(1_500_000))));
        assertEquals("checks[1].timeout", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("whole milliseconds"));
        assertEquals("policy.interval", assertThrows(InvalidVerificationPlanException.class,
                () -> new VerificationPlan(List.of(), POLICY.withInterval(Duration.ofSeconds(1, 1)))).field());
        assertEquals("checks[0].timeout", assertThrows(InvalidVerificationPlanException.class,
                () -> plan(CommandCheck.of("true").withTimeout(Duration.ofSeconds(Long.MAX_VALUE / 1000)))).field());
    }

    @Test
    public void refusesNullChecksOrPolicyAndCopiesTheList() {
        assertEquals("checks", assertThrows(InvalidVerificationPlanException.class, () -> new VerificationPlan(null, POLICY)).field());
        assertEquals("checks[1]", assertThrows(InvalidVerificationPlanException.class, () -> plan(HTTP_HEAD, null)).field());
        assertEquals("policy", assertThrows(InvalidVerificationPlanException.class, () -> new VerificationPlan(List.of(), null)).field());
        List<HealthCheck> checks = new ArrayList<>(List.of(HTTP_HEAD));
        VerificationPlan p = new VerificationPlan(checks, POLICY);
        checks.add(COMMAND_FULL);
        assertEquals(List.of(HTTP_HEAD), p.checks());
        assertThrows(UnsupportedOperationException.class, () -> p.checks().add(COMMAND_FULL));
    }
}
