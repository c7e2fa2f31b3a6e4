package io.releaseledger.health;

import io.releaseledger.Durations;
import io.releaseledger.json.CanonicalJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link VerificationPlan} in its persisted form, version {@value VerificationPlan#FORMAT_VERSION}: canonical
 * JSON with every key present (null for an unset optional value), read back by {@link VerificationPlanReader}.
 */
final class VerificationPlanWriter {
    private VerificationPlanWriter() {}

    static String write(VerificationPlan plan) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("version", VerificationPlan.FORMAT_VERSION);
        List<Object> checks = new ArrayList<>();
        for (HealthCheck check : plan.checks()) checks.add(check(check));
        top.put("checks", checks);
        top.put("policy", policy(plan.policy()));
        return CanonicalJson.object(top);
    }

    private static Map<String, Object> check(HealthCheck check) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", check.name());
        m.put("timeout", duration(check.timeout()));
        if (check instanceof HttpCheck h) {
            m.put("kind", "http");
            m.put("url", h.url().toString());
            m.put("method", h.method());
            m.put("expectStatus", h.expectStatus().toString());
            m.put("body", body(h.body()));
            m.put("headers", h.headers());
            m.put("credentials", credentials(h.credentials()));
        } else if (check instanceof PrometheusCheck p) {
            m.put("kind", "prometheus");
            m.put("server", p.server().toString());
            m.put("query", p.query());
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("operator", p.condition().operator().symbol());
            // A double, written by Double.toString: read back with Double.parseDouble it is the same bits.
            condition.put("threshold", p.condition().threshold());
            m.put("condition", condition);
            m.put("credentials", credentials(p.credentials()));
        } else if (check instanceof CommandCheck c) {
            m.put("kind", "command");
            m.put("argv", c.argv());
            m.put("workingDirectory", c.workingDirectory() == null ? null : c.workingDirectory().toString());
            m.put("environment", c.environment());
        } else {
            throw new AssertionError("unhandled check kind " + check.getClass());
        }
        return m;
    }

    private static Map<String, Object> body(BodyExpectation body) {
        if (body == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        if (body instanceof BodyExpectation.Matches matches) {
            m.put("kind", "matches");
            m.put("regex", matches.regex());
        } else {
            BodyExpectation.JsonPointerEquals pointer = (BodyExpectation.JsonPointerEquals) body;
            m.put("kind", "jsonPointer");
            m.put("pointer", pointer.pointer());
            m.put("expected", pointer.expected());
        }
        return m;
    }

    private static Map<String, Object> credentials(HttpCredentials credentials) {
        if (credentials == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        if (credentials instanceof HttpCredentials.Bearer bearer) {
            m.put("kind", "bearer");
            m.put("tokenRef", bearer.tokenRef());
        } else {
            HttpCredentials.Basic basic = (HttpCredentials.Basic) credentials;
            m.put("kind", "basic");
            m.put("username", basic.username());
            m.put("passwordRef", basic.passwordRef());
        }
        return m;
    }

    private static Map<String, Object> policy(VerificationPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("initialDelay", duration(p.initialDelay()));
        m.put("interval", duration(p.interval()));
        m.put("probeTimeout", duration(p.probeTimeout()));
        m.put("successThreshold", p.successThreshold());
        m.put("failureThreshold", p.failureThreshold());
        m.put("bakeTime", duration(p.bakeTime()));
        m.put("maxDuration", duration(p.maxDuration()));
        return m;
    }

    private static String duration(Duration d) {
        return d == null ? null : Durations.format(d);
    }
}
