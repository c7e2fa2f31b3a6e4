package io.releaseledger.health;

import java.util.BitSet;
import java.util.Objects;

/**
 * The HTTP status codes an {@link HttpCheck} accepts, read from text such as {@code 200},
 * {@code 2xx}, {@code 200,204} or {@code 200-299} (items may be mixed: {@code 2xx,304}).
 */
public final class StatusSet {
    private static final String ALLOWED = "use a status (200), a class (2xx), a range (200-299) "
            + "or a comma-separated list of those (200,204); statuses run from 100 to 599";

    private final String text;
    private final BitSet codes;

    private StatusSet(String text, BitSet codes) {
        this.text = text;
        this.codes = codes;
    }

    /**
     * Parses the accepted statuses.
     *
     * @throws io.releaseledger.InvalidInputException naming {@code expectStatus} when the text is not of the forms above
     */
    static StatusSet parse(String text) {
        if (text == null || text.isBlank()) throw new InvalidHealthCheckException("expectStatus", text, ALLOWED);
        BitSet codes = new BitSet(600);
        StringBuilder canonical = new StringBuilder();
        for (String raw : text.split(",", -1)) {
            String item = raw.strip().toLowerCase(java.util.Locale.ROOT);
            int lo;
            int hi;
            if (item.matches("[1-5]xx")) {
                lo = (item.charAt(0) - '0') * 100;
                hi = lo + 99;
            } else if (item.matches("\\d{3}")) {
                lo = hi = Integer.parseInt(item);
            } else if (item.matches("\\d{3}\\s*-\\s*\\d{3}")) {
                String[] ends = item.split("-");
                lo = Integer.parseInt(ends[0].strip());
                hi = Integer.parseInt(ends[1].strip());
                item = lo + "-" + hi;
            } else {
                throw new InvalidHealthCheckException("expectStatus", text, ALLOWED);
            }
            if (lo < 100 || hi > 599 || lo > hi) throw new InvalidHealthCheckException("expectStatus", text, ALLOWED);
            codes.set(lo, hi + 1);
            if (canonical.length() > 0) canonical.append(',');
            canonical.append(item);
        }
        return new StatusSet(canonical.toString(), codes);
    }

    /** Every 2xx status: what a health endpoint answers when it is fine. */
    static StatusSet successful() {
        return parse("2xx");
    }

    /** Whether {@code status} is accepted. */
    boolean contains(int status) {
        return status >= 0 && codes.get(status);
    }

    /** The accepted statuses in the syntax {@link #parse} reads. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusSet other && codes.equals(other.codes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codes);
    }
}
