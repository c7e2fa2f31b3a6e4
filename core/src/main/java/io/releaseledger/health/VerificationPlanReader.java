package io.releaseledger.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseledger.Inputs;
import io.releaseledger.Durations;
import io.releaseledger.InvalidInputException;
import io.releaseledger.internal.JsonTrees;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the persisted form of a {@link VerificationPlan}, version {@value VerificationPlan#FORMAT_VERSION}, as
 * {@link VerificationPlanWriter} wrote it. Strict: every key must be there (null for an unset optional value), no
 * other key may, and each value goes through the records' own constructors; a refusal names the JSON path.
 */
final class VerificationPlanReader {
    private VerificationPlanReader() {}

    private static final Set<String> PLAN_KEYS = Set.of("version", "checks", "policy");
    private static final Set<String> HTTP_KEYS = Set.of("kind", "name", "url", "method", "expectStatus", "body",
            "headers", "credentials", "timeout");
    private static final Set<String> PROMETHEUS_KEYS = Set.of("kind", "name", "server", "query", "condition",
            "credentials", "timeout");
    private static final Set<String> COMMAND_KEYS = Set.of("kind", "name", "argv", "workingDirectory", "environment",
            "timeout");
    private static final Set<String> POLICY_KEYS = Set.of("initialDelay", "interval", "probeTimeout",
            "successThreshold", "failureThreshold", "bakeTime", "maxDuration");
    private static final Set<String> CONDITION_KEYS = Set.of("operator", "threshold");
    private static final Set<String> MATCHES_KEYS = Set.of("kind", "regex");
    private static final Set<String> POINTER_KEYS = Set.of("kind", "pointer", "expected");
    private static final Set<String> BEARER_KEYS = Set.of("kind", "tokenRef");
    private static final Set<String> BASIC_KEYS = Set.of("kind", "username", "passwordRef");

    // Where a record's own field name differs from the key it is persisted under.
    private static final Map<String, String> RECORD_FIELD_TO_KEY = Map.of(
            "command", "argv", "bodyMatches", "body.regex", "jsonPointer", "body.pointer",
            "condition", "condition.threshold");

    static VerificationPlan read(String json) {
        JsonNode document;
        try {
            document = JsonTrees.readStored(json);
        } catch (JsonTrees.MalformedJsonException e) {
            throw new InvalidVerificationPlanException("$", "expected JSON text (" + e.getMessage() + ")");
        }
        JsonNode top = object(document, "$");
        // The version decides what every other key means, so it is read before anything else.
        JsonNode version = required(top, "version", "$");
        if (!version.isInt() || version.intValue() != VerificationPlan.FORMAT_VERSION) {
            throw new InvalidVerificationPlanException("version", "expected " + VerificationPlan.FORMAT_VERSION
                    + ", the only version this release of Release Ledger reads, found " + describe(version));
        }
        onlyKeys(top, "$", PLAN_KEYS);
        JsonNode rawChecks = array(required(top, "checks", "$"), "checks");
        List<HealthCheck> checks = new ArrayList<>(rawChecks.size());
        for (int k = 0; k < rawChecks.size(); k++) checks.add(check(rawChecks.get(k), "checks[" + k + "]"));
        VerificationPolicy policy = policy(required(top, "policy", "$"), "policy");
        return new VerificationPlan(checks, policy);
    }

    private static HealthCheck check(JsonNode value, String path) {
        JsonNode m = object(value, path);
        String kind = string(m, "kind", path);
        switch (kind) {
            case "http":
                return http(m, path);
            case "prometheus":
                return prometheus(m, path);
            case "command":
                return command(m, path);
            default:
                throw new InvalidVerificationPlanException(at(path, "kind"),
                        "expected one of http, prometheus, command, found " + describe(kind));
        }
    }

    private static HttpCheck http(JsonNode m, String path) {
        onlyKeys(m, path, HTTP_KEYS);
        String name = string(m, "name", path);
        URI url = uri(m, "url", path);
        String method = string(m, "method", path);
        String expectStatus = string(m, "expectStatus", path);
        JsonNode body = optionalObject(m, "body", path);
        Map<String, String> headers = stringMap(m, "headers", path);
        HttpCredentials credentials = credentials(m, path);
        Duration timeout = optionalDuration(m, "timeout", path);
        String bodyPath = at(path, "body");
        return validated(path, () -> new HttpCheck(name, url, method, StatusSet.parse(expectStatus),
                body == null ? null : body(body, bodyPath), headers, credentials, timeout));
    }

    private static PrometheusCheck prometheus(JsonNode m, String path) {
        onlyKeys(m, path, PROMETHEUS_KEYS);
        String name = string(m, "name", path);
        URI server = uri(m, "server", path);
        String query = string(m, "query", path);
        String conditionPath = at(path, "condition");
        JsonNode c = object(required(m, "condition", path), conditionPath);
        onlyKeys(c, conditionPath, CONDITION_KEYS);
        Condition.Operator operator = operator(string(c, "operator", conditionPath), conditionPath);
        double threshold = threshold(required(c, "threshold", conditionPath), conditionPath);
        HttpCredentials credentials = credentials(m, path);
        Duration timeout = optionalDuration(m, "timeout", path);
        return validated(path, () -> new PrometheusCheck(name, server, query, new Condition(operator, threshold),
                credentials, timeout));
    }

    private static Condition.Operator operator(String symbol, String conditionPath) {
        for (Condition.Operator op : Condition.Operator.values()) {
            if (op.symbol().equals(symbol)) return op;
        }
        throw new InvalidVerificationPlanException(at(conditionPath, "operator"),
                "expected one of <, <=, >, >=, ==, !=, found " + describe(symbol));
    }

    private static double threshold(JsonNode value, String conditionPath) {
        if (!value.isNumber()) {
            throw new InvalidVerificationPlanException(at(conditionPath, "threshold"), "expected a number, found " + describe(value));
        }
        // Written by Double.toString and read as a double (JsonTrees.readStored): the same bits, -0.0 included.
        return value.doubleValue();
    }

    private static CommandCheck command(JsonNode m, String path) {
        onlyKeys(m, path, COMMAND_KEYS);
        String name = string(m, "name", path);
        String argvPath = at(path, "argv");
        List<String> argv = new ArrayList<>();
        JsonNode rawArgv = array(required(m, "argv", path), argvPath);
        for (int k = 0; k < rawArgv.size(); k++) argv.add(string(rawArgv.get(k), argvPath + "[" + k + "]"));
        String directory = optionalString(m, "workingDirectory", path);
        Path workingDirectory = null;
        if (directory != null) {
            try {
                workingDirectory = Path.of(directory);
            } catch (InvalidPathException e) {
                throw new InvalidVerificationPlanException(at(path, "workingDirectory"),
                        "expected a path this system can use (" + e.getReason() + ")");
            }
        }
        Map<String, String> environment = stringMap(m, "environment", path);
        Duration timeout = optionalDuration(m, "timeout", path);
        Path dir = workingDirectory;
        return validated(path, () -> new CommandCheck(name, argv, dir, environment, timeout));
    }

    private static BodyExpectation body(JsonNode m, String path) {
        String kind = string(m, "kind", path);
        if (kind.equals("matches")) {
            onlyKeys(m, path, MATCHES_KEYS);
            return new BodyExpectation.Matches(string(m, "regex", path));
        }
        if (kind.equals("jsonPointer")) {
            onlyKeys(m, path, POINTER_KEYS);
            return new BodyExpectation.JsonPointerEquals(string(m, "pointer", path), string(m, "expected", path));
        }
        throw new InvalidVerificationPlanException(at(path, "kind"), "expected matches or jsonPointer, found " + describe(kind));
    }

    private static HttpCredentials credentials(JsonNode check, String checkPath) {
        JsonNode m = optionalObject(check, "credentials", checkPath);
        if (m == null) return null;
        String path = at(checkPath, "credentials");
        String kind = string(m, "kind", path);
        if (kind.equals("bearer")) {
            onlyKeys(m, path, BEARER_KEYS);
            String tokenRef = string(m, "tokenRef", path);
            return validated(checkPath, () -> new HttpCredentials.Bearer(tokenRef));
        }
        if (kind.equals("basic")) {
            onlyKeys(m, path, BASIC_KEYS);
            String username = string(m, "username", path);
            String passwordRef = string(m, "passwordRef", path);
            return validated(checkPath, () -> new HttpCredentials.Basic(username, passwordRef));
        }
        throw new InvalidVerificationPlanException(at(path, "kind"), "expected bearer or basic, found " + describe(kind));
    }

    private static VerificationPolicy policy(JsonNode value, String path) {
        JsonNode m = object(value, path);
        onlyKeys(m, path, POLICY_KEYS);
        Duration initialDelay = duration(m, "initialDelay", path);
        Duration interval = duration(m, "interval", path);
        Duration probeTimeout = duration(m, "probeTimeout", path);
        int success = count(m, "successThreshold", path);
        int failure = count(m, "failureThreshold", path);
        Duration bakeTime = duration(m, "bakeTime", path);
        Duration maxDuration = duration(m, "maxDuration", path);
        return validated(path, () -> new VerificationPolicy(initialDelay, interval, probeTimeout, success, failure,
                bakeTime, maxDuration));
    }

    /**
     * Builds through a record's own constructor, so a tampered plan meets the same validation as a
     * configured one, and re-reports its refusal at the JSON path of the offending key.
     */
    private static <T> T validated(String path, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidVerificationPlanException e) {
            throw e;
        } catch (InvalidInputException e) {
            String field = e.field() == null ? "" : e.field();
            if (field.startsWith("verification.")) field = field.substring("verification.".length());
            field = RECORD_FIELD_TO_KEY.getOrDefault(field, field);
            InvalidVerificationPlanException wrapped = new InvalidVerificationPlanException(
                    field.isEmpty() ? path : at(path, field), e.getMessage());
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    // ---- typed access; each refusal names the path and what it should hold ----

    private static String at(String path, String key) {
        return path.equals("$") ? key : path + "." + key;
    }

    private static void onlyKeys(JsonNode m, String path, Set<String> known) {
        Set<String> present = new TreeSet<>();
        m.fieldNames().forEachRemaining(present::add);
        for (String key : present) {
            if (!known.contains(key)) {
                throw new InvalidVerificationPlanException(at(path, key), "unknown key; expected only " + new TreeSet<>(known));
            }
        }
        for (String key : new TreeSet<>(known)) {
            if (!m.has(key)) {
                throw new InvalidVerificationPlanException(at(path, key), "missing; every key is written, with null for an unset optional value");
            }
        }
    }

    /** The value at {@code key}, JSON {@code null} included; refused when the key is missing. */
    private static JsonNode required(JsonNode m, String key, String path) {
        if (!m.has(key)) {
            throw new InvalidVerificationPlanException(at(path, key), "missing; every key is written, with null for an unset optional value");
        }
        return m.get(key);
    }

    private static JsonNode object(JsonNode value, String path) {
        if (value.isObject()) return value;
        throw new InvalidVerificationPlanException(path, "expected an object, found " + describe(value));
    }

    private static JsonNode optionalObject(JsonNode m, String key, String path) {
        JsonNode value = required(m, key, path);
        return value.isNull() ? null : object(value, at(path, key));
    }

    private static JsonNode array(JsonNode value, String path) {
        if (value.isArray()) return value;
        throw new InvalidVerificationPlanException(path, "expected an array, found " + describe(value));
    }

    private static String string(JsonNode value, String path) {
        if (value.isTextual()) return value.textValue();
        throw new InvalidVerificationPlanException(path, "expected a string, found " + describe(value));
    }

    private static String string(JsonNode m, String key, String path) {
        return string(required(m, key, path), at(path, key));
    }

    private static String optionalString(JsonNode m, String key, String path) {
        JsonNode value = required(m, key, path);
        return value.isNull() ? null : string(value, at(path, key));
    }

    private static Map<String, String> stringMap(JsonNode m, String key, String path) {
        String mapPath = at(path, key);
        Map<String, String> out = new LinkedHashMap<>();
        object(required(m, key, path), mapPath).fields()
                .forEachRemaining(e -> out.put(e.getKey(), string(e.getValue(), at(mapPath, e.getKey()))));
        return out;
    }

    private static URI uri(JsonNode m, String key, String path) {
        String text = string(m, key, path);
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidVerificationPlanException(at(path, key), "expected an http:// or https:// URL (" + e.getMessage() + ")");
        }
    }

    private static Duration duration(JsonNode m, String key, String path) {
        String text = string(m, key, path);
        try {
            return Durations.parse(at(path, key), text);
        } catch (InvalidInputException e) {
            throw new InvalidVerificationPlanException(at(path, key), "expected a duration: " + e.getMessage());
        }
    }

    private static Duration optionalDuration(JsonNode m, String key, String path) {
        return required(m, key, path).isNull() ? null : duration(m, key, path);
    }

    private static int count(JsonNode m, String key, String path) {
        JsonNode value = required(m, key, path);
        // At most nine digits, as the writer never writes more.
        if (value.isInt() && Math.abs((long) value.intValue()) <= 999_999_999L) return value.intValue();
        throw new InvalidVerificationPlanException(at(path, key), "expected a whole number, found " + describe(value));
    }

    private static String describe(String value) {
        return "the string " + Inputs.quoted(value);
    }

    private static String describe(JsonNode value) {
        if (value.isNull()) return "null";
        if (value.isTextual()) return describe(value.textValue());
        if (value.isNumber()) return "the number " + value.asText();
        if (value.isBoolean()) return value.asText();
        if (value.isObject()) return "an object";
        if (value.isArray()) return "an array";
        return value.getNodeType().toString();
    }
}
