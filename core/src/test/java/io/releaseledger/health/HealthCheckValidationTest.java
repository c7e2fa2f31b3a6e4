package io.releaseledger.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class HealthCheckValidationTest {

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) assertTrue("message should mention " + p + ": " + e.getMessage(), e.getMessage().contains(p));
    }

    @Test
    public void nonHttpUrlIsRefusedNamingFieldValueAndWhatIsAllowed() {
        InvalidHealthCheckException e = assertThrows(InvalidHealthCheckException.class, () -> HttpCheck.of("ftp://files.example.com/health"));
        assertEquals("url", e.field());
        assertEquals("ftp://files.example.com/health", e.value());
        assertMentions(e, "url", "ftp://files.example.com/health", "http:// and https://");
    }

    @Test
    public void malformedOrHostlessUrlsAreRefused() {
        assertEquals("url", assertThrows(InvalidHealthCheckException.class, () -> HttpCheck.of("http://exa mple.com/")).field());
        assertEquals("url", assertThrows(InvalidHealthCheckException.class, () -> HttpCheck.of("https:///health")).field());
        assertEquals("url", assertThrows(InvalidHealthCheckException.class, () -> HttpCheck.of("")).field());
    }

    @Test
    public void urlWithUserInfoIsRefusedWithoutEchoingThePassword() {
        InvalidHealthCheckException e = assertThrows(InvalidHealthCheckException.class,
                () -> HttpCheck.of("https://probe:hunter2@staging.example.com/health"));
        assertFalse(e.getMessage(), e.getMessage().contains("hunter2"));
        assertMentions(e, "credentials");
    }

    @Test
    public void expectedStatusReadsSingleClassListAndRange() {
        StatusSet single = StatusSet.parse("200");
        assertTrue(single.contains(200));
        assertFalse(single.contains(204));
        StatusSet klass = StatusSet.parse("2xx");
        assertTrue(klass.contains(200) && klass.contains(299));
        assertFalse(klass.contains(300) || klass.contains(199));
        StatusSet list = StatusSet.parse("200, 204");
        assertTrue(list.contains(204));
        assertFalse(list.contains(201));
        StatusSet range = StatusSet.parse("200-299");
        assertEquals(klass, range);
        assertEquals("200,204", list.toString());
        assertTrue(StatusSet.parse("2xx,304").contains(304));
    }

    @Test
    public void badExpectedStatusIsRefusedWithTheForms() {
        for (String bad : new String[] {"", "2xxx", "600", "99", "299-200", "ok", "200,", "6xx"}) {
            InvalidHealthCheckException e = assertThrows(bad, InvalidHealthCheckException.class, () -> StatusSet.parse(bad));
            assertEquals("expectStatus", e.field());
            assertMentions(e, "2xx", "200-299", "200,204");
        }
    }

    @Test
    public void conditionReadsEveryOperator() {
        assertTrue(Condition.parse("< 0.5").test(0.4));
        assertFalse(Condition.parse("< 0.5").test(0.5));
        assertTrue(Condition.parse("<= 1").test(1));
        assertTrue(Condition.parse(">0").test(0.1));
        assertFalse(Condition.parse("> 0").test(0));
        assertTrue(Condition.parse(">= 99").test(99));
        assertTrue(Condition.parse("== 0").test(0));
        assertTrue(Condition.parse("!= 0").test(-1));
        assertFalse(Condition.parse("!= 0").test(Double.NaN));
        assertEquals(Condition.Operator.LESS_OR_EQUAL, Condition.parse("<=1e3").operator());
        assertEquals(1000.0, Condition.parse("<=1e3").threshold(), 0);
        assertEquals("< 0.5", Condition.parse(" <0.5 ").toString());
    }

    @Test
    public void badConditionIsRefusedWithExamples() {
        for (String bad : new String[] {"", "=< 1", "= 0", "< ", "< NaN", "< 0x10", "<< 1", "0.5", "< 1 2", "~ 1"}) {
            InvalidHealthCheckException e = assertThrows(bad, InvalidHealthCheckException.class, () -> Condition.parse(bad));
            assertEquals("condition", e.field());
            assertMentions(e, "\"< 0.5\"", "\">= 99\"", "\"!= 0\"");
        }
    }

    @Test
    public void prometheusCheckNeedsAQueryAndABaseUrl() {
        assertEquals("query", assertThrows(InvalidHealthCheckException.class,
                () -> PrometheusCheck.of("http://prom:9090", "  ", "< 1")).field());
        assertEquals("server", assertThrows(InvalidHealthCheckException.class,
                () -> PrometheusCheck.of("prom:9090", "up", "< 1")).field());
        assertEquals("server", assertThrows(InvalidHealthCheckException.class,
                () -> PrometheusCheck.of("http://prom:9090/graph?g0.expr=up", "up", "< 1")).field());
        PrometheusCheck ok = PrometheusCheck.of("http://prom:9090/prometheus", "sum(up)", ">= 1");
        assertEquals(URI.create("http://prom:9090/prometheus/api/v1/query?query=sum%28up%29"), HttpProbes.queryUri(ok));
        assertEquals("sum(up) >= 1", ok.name());
    }

    @Test
    public void commandCheckNeedsAProgram() {
        assertEquals("command", assertThrows(InvalidHealthCheckException.class, () -> CommandCheck.of()).field());
        assertEquals("command", assertThrows(InvalidHealthCheckException.class,
                () -> new CommandCheck(null, Arrays.asList("sh", null), null, null, null)).field());
        assertEquals("environment", assertThrows(InvalidHealthCheckException.class,
                () -> CommandCheck.of("true").withEnvironment("A=B", "x")).field());
        assertEquals(List.of("sh", "-c", "exit 0"), CommandCheck.of("sh", "-c", "exit 0").argv());
    }

    @Test
    public void secretBearingOrClientOwnedHeadersAreRefused() {
        HttpCheck check = HttpCheck.of("https://staging.example.com/health");
        InvalidHealthCheckException auth = assertThrows(InvalidHealthCheckException.class,
                () -> check.withHeader("authorization", "Bearer abc"));
        assertMentions(auth, "credentials");
        assertFalse(auth.getMessage().contains("Bearer abc"));
        assertThrows(InvalidHealthCheckException.class, () -> check.withHeader("Host", "other"));
        assertThrows(InvalidHealthCheckException.class, () -> check.withHeader("X-Bad", "a\r\nInjected: 1"));
        assertEquals("probe", check.withHeader("X-Probe", "probe").headers().get("x-probe"));
    }

    @Test
    public void onlySafeMethodsAndPositiveTimeoutsAreAccepted() {
        InvalidHealthCheckException e = assertThrows(InvalidHealthCheckException.class,
                () -> new HttpCheck(null, URI.create("http://h/"), "POST", null, null, Map.of(), null, null));
        assertEquals("method", e.field());
        assertMentions(e, "GET or HEAD");
        InvalidHealthCheckException t = assertThrows(InvalidHealthCheckException.class,
                () -> HttpCheck.of("http://h/").withTimeout(Duration.ZERO));
        assertEquals("timeout", t.field());
    }

    @Test
    public void badBodyExpectationsAreRefusedAtConfigurationTime() {
        InvalidHealthCheckException regex = assertThrows(InvalidHealthCheckException.class, () -> BodyExpectation.matches("(UP"));
        assertEquals("bodyMatches", regex.field());
        InvalidHealthCheckException pointer = assertThrows(InvalidHealthCheckException.class,
                () -> BodyExpectation.jsonPointer("status", "UP"));
        assertEquals("jsonPointer", pointer.field());
        assertMentions(pointer, "starts with '/'");
        assertThrows(InvalidHealthCheckException.class, () -> BodyExpectation.jsonPointer("/a~2b", "UP"));
    }

    @Test
    public void checksShowSecretReferencesNeverValues() {
        HttpCheck check = HttpCheck.of("https://staging.example.com/health").withCredentials(HttpCredentials.bearer("staging-probe-token"));
        assertTrue(check.toString().contains("staging-probe-token"));
        assertEquals("GET https://staging.example.com/health", check.name());
        assertThrows(InvalidHealthCheckException.class, () -> HttpCredentials.basic("user:x", "ref"));
        assertThrows(InvalidHealthCheckException.class, () -> HttpCredentials.bearer(" "));
    }
}
