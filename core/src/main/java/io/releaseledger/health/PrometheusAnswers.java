package io.releaseledger.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseledger.internal.JsonTrees;

/**
 * Judges Prometheus' answer to a {@link PrometheusCheck}'s instant query: one sample value tested against the
 * condition. Anything that says nothing about the release (Prometheus refusing, no data, several series, NaN) is
 * INCONCLUSIVE, never UNHEALTHY.
 */
final class PrometheusAnswers {
    private PrometheusAnswers() {}

    static Finding judge(PrometheusCheck c, int status, BoundedBody.Content body) {
        if (HttpProbes.isRedirect(status)) {
            return Finding.inconclusive("Prometheus answered status " + status + " (a redirect); set server to the URL it redirects to", null);
        }
        if (body.truncated()) {
            return Finding.inconclusive("Prometheus' answer is larger than " + HttpProbes.BODY_LIMIT / 1024
                    + " KiB; aggregate the query (e.g. with sum) so it returns one series", null);
        }
        JsonNode answer;
        try {
            answer = JsonTrees.readAnswer(body.text());
        } catch (JsonTrees.MalformedJsonException e) {
            return Finding.inconclusive("Prometheus answered status " + status + " with a body that is not JSON: " + e.getMessage(), null);
        }
        if (!answer.isObject()) return Finding.inconclusive("Prometheus' answer is not a JSON object", null);
        if (!"success".equals(text(answer.get("status")))) {
            return Finding.inconclusive("Prometheus refused the query (status " + status + ", " + text(answer.get("errorType"))
                    + "): " + text(answer.get("error")), null);
        }
        JsonNode data = answer.get("data");
        if (data == null || !data.isObject()) return Finding.inconclusive("Prometheus' answer has no data", null);
        return judgeSample(c, data);
    }

    /** The one sample of a scalar or a one-series vector, tested against the condition. */
    private static Finding judgeSample(PrometheusCheck c, JsonNode data) {
        String resultType = text(data.get("resultType"));
        JsonNode result = data.get("result");
        String value;
        if ("scalar".equals(resultType)) {
            value = sampleValue(result);
        } else if ("vector".equals(resultType) && result != null && result.isArray()) {
            if (result.isEmpty()) {
                return Finding.inconclusive("the query returned no data (check the metric name and that it is scraped)", null);
            }
            if (result.size() > 1) {
                return Finding.inconclusive("the query returned " + result.size()
                        + " series; aggregate it (e.g. with sum or max) so it returns exactly one", null);
            }
            value = result.get(0).isObject() ? sampleValue(result.get(0).get("value")) : null;
        } else {
            return Finding.inconclusive("the query returned a " + resultType + "; use an expression that gives an instant vector or a scalar", null);
        }
        if (value == null) return Finding.inconclusive("Prometheus' answer has no sample value", null);
        double number;
        try {
            number = parsePrometheusNumber(value);
        } catch (NumberFormatException e) {
            return Finding.inconclusive("Prometheus returned a value that is not a number: " + value, value);
        }
        if (Double.isNaN(number)) {
            return Finding.inconclusive("the query's value is NaN (e.g. a ratio with no requests)", value);
        }
        Condition condition = c.condition();
        return condition.test(number)
                ? Finding.healthy(value + " " + condition, value)
                : Finding.unhealthy(value + " is not " + condition, value, null);
    }

    /** The value of a Prometheus {@code [timestamp, "value"]} pair, or null when malformed. */
    private static String sampleValue(JsonNode pair) {
        if (pair != null && pair.isArray() && pair.size() == 2 && pair.get(1).isTextual()) return pair.get(1).textValue();
        return null;
    }

    /** A member's text as the previous reader gave it: a string's text, null when absent, else its JSON. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) return null;
        return node.isTextual() ? node.textValue() : node.toString();
    }

    // Prometheus writes special values the Go way: NaN, +Inf, -Inf.
    static double parsePrometheusNumber(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
