package io.releaseledger.health;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The comparison a {@link PrometheusCheck} applies to the query's value, written as an operator and
 * a number: {@code < 0.5}, {@code <= 1}, {@code > 0}, {@code >= 99}, {@code == 0}, {@code != 0}.
 *
 * @param operator  how the value is compared
 * @param threshold the number it is compared with; finite
 */
public record Condition(Operator operator, double threshold) {
    private static final String ALLOWED = "write an operator (<, <=, >, >=, ==, !=) followed by a number, "
            + "e.g. \"< 0.5\", \"<= 1\", \"> 0\", \">= 99\", \"== 0\", \"!= 0\"";
    // JSON-like numbers only: Double.parseDouble would also take "NaN", "0x1p3" or "1d".
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** Comparison operators, each with the symbol users write. */
    enum Operator {
        LESS_OR_EQUAL("<="), GREATER_OR_EQUAL(">="), EQUAL("=="), NOT_EQUAL("!="), LESS("<"), GREATER(">");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The symbol as written in a condition, e.g. {@code <=}. */
        String symbol() {
            return symbol;
        }

        boolean test(double value, double threshold) {
            return switch (this) {
                case LESS -> value < threshold;
                case LESS_OR_EQUAL -> value <= threshold;
                case GREATER -> value > threshold;
                case GREATER_OR_EQUAL -> value >= threshold;
                case EQUAL -> value == threshold;
                case NOT_EQUAL -> value != threshold;
            };
        }
    }

    /** Validates the components; {@link #parse} is the usual way in. */
    public Condition {
        Objects.requireNonNull(operator, "operator");
        if (!Double.isFinite(threshold)) throw new InvalidHealthCheckException("condition", threshold, ALLOWED);
    }

    /**
     * Parses a condition such as {@code "< 0.5"}; spaces around the operator are optional.
     *
     * @throws io.releaseledger.InvalidInputException naming {@code condition}, with examples, when it cannot be read
     */
    static Condition parse(String text) {
        if (text == null || text.isBlank()) throw new InvalidHealthCheckException("condition", text, ALLOWED);
        String s = text.strip();
        // Enum order puts two-character symbols first, so "<=" is never read as "<" then "=".
        for (Operator op : Operator.values()) {
            if (s.startsWith(op.symbol)) {
                String number = s.substring(op.symbol.length()).strip();
                if (!NUMBER.matcher(number).matches()) break;
                double threshold = Double.parseDouble(number);
                if (!Double.isFinite(threshold)) break;
                return new Condition(op, threshold);
            }
        }
        throw new InvalidHealthCheckException("condition", text, ALLOWED);
    }

    /** Whether {@code value} satisfies the condition; NaN never does. */
    boolean test(double value) {
        return !Double.isNaN(value) && operator.test(value, threshold);
    }

    /** The condition as {@link #parse} reads it, e.g. {@code < 0.5}. */
    @Override
    public String toString() {
        return operator.symbol + " " + formatNumber(threshold);
    }

    static String formatNumber(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%d", (long) d);
        return Double.toString(d);
    }
}
