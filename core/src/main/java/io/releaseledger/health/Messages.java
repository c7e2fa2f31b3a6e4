package io.releaseledger.health;

/** Message helpers shared by the validation exceptions. */
final class Messages {
    private Messages() {}

    private static final int MAX_QUOTED = 200;

    /** Quotes a user-supplied value for an error message, bounded so a pasted blob stays readable. */
    static String quote(Object value) {
        if (value == null) return "null";
        String s = value.toString();
        if (s.length() > MAX_QUOTED) s = s.substring(0, MAX_QUOTED) + "…";
        return '"' + s + '"';
    }
}
