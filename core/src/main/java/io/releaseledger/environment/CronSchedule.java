package io.releaseledger.environment;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A classic 5-field cron expression, {@code minute hour day-of-month month day-of-week}, read as wall-clock
 * time in whatever zone the caller applies it to. Each field is {@code *}, a number, a list
 * ({@code 1,15}), a range ({@code 1-5}, {@code MON-FRI}) or a step ({@code *}{@code /15}, {@code 0-30/10}).
 * Months may be written {@code JAN}–{@code DEC}, weekdays {@code SUN}–{@code SAT} or 0–7 (0 and 7 are Sunday).
 *
 * <p>As in Vixie cron, when both day-of-month and day-of-week are restricted a day matching either one
 * matches; when either is {@code *}, both must match.
 */
public final class CronSchedule {
    /** What {@link #parse} accepts, for error messages. */
    static final String ALLOWED = "5 fields \"minute hour day-of-month month day-of-week\", each *, a number, "
            + "a list (1,15), a range (MON-FRI) or a step (*/15), e.g. \"0 18 * * FRI\"";

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String expression;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronSchedule(String expression, long[] fields, boolean domRestricted, boolean dowRestricted) {
        this.expression = expression;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.daysOfMonth = fields[2];
        this.months = fields[3];
        // Day-of-week 7 is Sunday as well as 0.
        this.daysOfWeek = (fields[4] & ~(1L << 7)) | ((fields[4] >>> 7) & 1L);
        this.dayOfMonthRestricted = domRestricted;
        this.dayOfWeekRestricted = dowRestricted;
    }

    /**
     * Reads a cron expression.
     *
     * @param field the field path to name in the error
     * @throws InvalidPolicyException naming the cron field that is wrong
     */
    public static CronSchedule parse(String field, String expression) {
        if (expression == null || expression.isBlank()) throw new InvalidPolicyException(field, expression, ALLOWED);
        String[] parts = expression.trim().split("\\s+");
        if (parts.length != 5) {
            throw new InvalidPolicyException(field, expression,
                    InvalidPolicyException.quote(expression) + " has " + parts.length + " fields, not 5", ALLOWED);
        }
        String[] names = {"minute", "hour", "day-of-month", "month", "day-of-week"};
        int[] min = {0, 0, 1, 1, 0};
        int[] max = {59, 23, 31, 12, 7};
        List<List<String>> symbols = List.of(List.of(), List.of(), List.of(), MONTHS, WEEKDAYS);
        int[] symbolBase = {0, 0, 0, 1, 0};
        long[] bits = new long[5];
        for (int i = 0; i < 5; i++) {
            try {
                bits[i] = parseField(parts[i].toUpperCase(Locale.ROOT), min[i], max[i], symbols.get(i), symbolBase[i]);
            } catch (IllegalArgumentException e) {
                throw new InvalidPolicyException(field, expression,
                        "the " + names[i] + " field " + InvalidPolicyException.quote(parts[i]) + " " + e.getMessage()
                                + " (allowed " + min[i] + "-" + max[i] + ")", ALLOWED);
            }
        }
        return new CronSchedule(String.join(" ", parts), bits, !parts[2].startsWith("*"), !parts[4].startsWith("*"));
    }

    /** Whether a start time falls on {@code time}'s minute (seconds ignored). */
    boolean matches(LocalDateTime time) {
        return matchesDay(time.toLocalDate()) && hasHour(time.getHour()) && hasMinute(time.getMinute());
    }

    boolean matchesDay(LocalDate date) {
        if (!bit(months, date.getMonthValue())) return false;
        boolean dom = bit(daysOfMonth, date.getDayOfMonth());
        boolean dow = bit(daysOfWeek, date.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) return dom || dow;
        return dom && dow;
    }

    boolean hasHour(int hour) {
        return bit(hours, hour);
    }

    boolean hasMinute(int minute) {
        return bit(minutes, minute);
    }

    /** The expression, normalised to single spaces. */
    @Override
    public String toString() {
        return expression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && expression.equals(other.expression);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression);
    }

    private static boolean bit(long set, int n) {
        return (set & (1L << n)) != 0;
    }

    private static long parseField(String text, int min, int max, List<String> symbols, int symbolBase) {
        long bits = 0;
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) throw new IllegalArgumentException("has an empty list entry");
            int step = 1;
            int slash = item.indexOf('/');
            String range = item;
            if (slash >= 0) {
                step = number(item.substring(slash + 1), Integer.MAX_VALUE, 1, List.of(), 0);
                range = item.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                int dash = range.indexOf('-');
                from = number(range.substring(0, dash), max, min, symbols, symbolBase);
                to = number(range.substring(dash + 1), max, min, symbols, symbolBase);
                if (to < from) throw new IllegalArgumentException("has a range that runs backwards; split it into a list");
            } else {
                from = number(range, max, min, symbols, symbolBase);
                to = slash >= 0 ? max : from;
            }
            for (int n = from; n <= to; n += step) bits |= 1L << n;
        }
        return bits;
    }

    private static int number(String text, int max, int min, List<String> symbols, int symbolBase) {
        int symbol = symbols.indexOf(text);
        if (symbol >= 0) return symbol + symbolBase;
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("is not understood");
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) throw new IllegalArgumentException("is out of range");
        return n;
    }
}
