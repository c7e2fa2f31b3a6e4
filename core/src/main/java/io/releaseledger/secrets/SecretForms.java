package io.releaseledger.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every way a secret is commonly written out, as bytes to mask: what a deploy script, a health check or a tool it
 * runs may print when it prints a secret, on purpose or not. See {@link SecretMask} for the list.
 */
final class SecretForms {
    private SecretForms() {}

    /** Lines of a multi-line secret with at least this many characters (code points) are masked on their own. */
    static final int MINIMUM_LINE_LENGTH = 8;

    /** The forms of {@code secret} and, for a multi-line secret, of each of its lines long enough to mask alone. */
    static Set<String> of(String secret, int minimumEmbeddedBase64) {
        Set<String> forms = new LinkedHashSet<>();
        add(forms, secret, minimumEmbeddedBase64);
        if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
            for (String line : secret.split("\r\n|\r|\n")) {
                if (line.codePointCount(0, line.length()) >= MINIMUM_LINE_LENGTH) {
                    add(forms, line, minimumEmbeddedBase64);
                }
            }
        }
        return forms;
    }

    /** Adds every form of {@code secret} as a whole (its lines are added by {@link #of}). */
    private static void add(Set<String> forms, String secret, int minimumEmbeddedBase64) {
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(secret);
        addBase64(forms, utf8, minimumEmbeddedBase64);
        String hex = hex(utf8);
        forms.add(hex);
        forms.add(hex.toUpperCase(Locale.ROOT));
        addPercentEncoded(forms, utf8);
        addJsonEscaped(forms, secret);
        addShellQuoted(forms, secret);
    }

    /** The base64 and base64url of the secret: whole, and as it reads embedded anywhere in a longer base64 text. */
    private static void addBase64(Set<String> forms, byte[] utf8, int minimumEmbeddedBase64) {
        for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
            String padded = encoder.encodeToString(utf8);
            forms.add(padded);
            forms.add(padded.replace("=", ""));
            for (int offset = 0; offset < 3; offset++) {
                String embedded = embeddedBase64(encoder, utf8, offset);
                if (embedded.length() >= minimumEmbeddedBase64) {
                    forms.add(embedded);
                }
            }
            // At the end of a longer base64 text the last characters mix the secret's bits with padding only: masked
            // too (as credentials-binding's Base64SecretPatternFactory does), so no trailing character is left showing.
            for (int offset = 1; offset < 3; offset++) {
                for (String tail : base64Tails(encoder, utf8, offset)) {
                    if (tail.length() >= minimumEmbeddedBase64) {
                        forms.add(tail);
                    }
                }
            }
        }
    }

    /**
     * Percent-encoding as the common encoders write it: RFC 3986 (curl, Go), forms (Java, Python's quote_plus),
     * JavaScript's encodeURIComponent; upper-case escapes, and the lower-case ones some tools write.
     */
    private static void addPercentEncoded(Set<String> forms, byte[] utf8) {
        for (boolean lower : new boolean[] {false, true}) {
            forms.add(percent(utf8, "-._~", "%20", lower));
            forms.add(percent(utf8, "-._~", "+", lower));
            forms.add(percent(utf8, "-._*", "+", lower));
            forms.add(percent(utf8, "-_.!~*'()", "%20", lower));
        }
    }

    /**
     * Inside a JSON string: minimal escaping (jq, Jackson, JSON.stringify), ASCII-only (Python's json), and with the
     * HTML-sensitive characters escaped (Gson, this project's own writers); hex digits in either case.
     */
    private static void addJsonEscaped(Set<String> forms, String secret) {
        for (boolean lower : new boolean[] {false, true}) {
            for (boolean asciiOnly : new boolean[] {false, true}) {
                for (String htmlSafe : new String[] {"", "<>&", "<>&'=", "<>&'"}) {
                    forms.add(json(secret, lower, asciiOnly, htmlSafe, false));
                    if (secret.indexOf('/') >= 0) {
                        forms.add(json(secret, lower, asciiOnly, htmlSafe, true));
                    }
                }
            }
        }
    }

    /**
     * As shells print it under set -x, or quote it: bash ('\''), ash and newer dash ('"'"'), ANSI-C ($'…') and
     * backslash escapes (printf %q). Old dash prints the value as it is.
     */
    private static void addShellQuoted(Set<String> forms, String secret) {
        String bashQuoted = secret.replace("'", "'\\''");
        forms.add(bashQuoted);
        forms.add("'" + bashQuoted + "'"); // with its quotes, so the log does not show whether quoting was needed
        forms.add(ashQuoted(secret));
        // The value with one level of escapes consumed, as a shell (backslashes), Windows' cmd (carets) or a tool that
        // doubles dollars (Compose, Make) prints it: credentials-binding's Bash, Batch and Dollar pattern factories.
        addUnlessShort(forms, unescaped(secret, '\\'));
        if (secret.indexOf('^') >= 0) addUnlessShort(forms, unescaped(secret, '^'));
        if (secret.indexOf('$') >= 0) forms.add(secret.replace("$", "$$"));
        forms.add(ansiC(secret, false));
        forms.add(ansiC(secret, true));
        forms.add(backslashed(secret));
    }

    /**
     * The base64 characters a secret produces when it starts {@code offset} bytes into a 3-byte group of a longer
     * text: only the characters whose 6 bits all come from the secret, as the others change with the neighbouring
     * bytes.
     */
    static String embeddedBase64(Base64.Encoder encoder, byte[] secret, int offset) {
        byte[] placed = new byte[offset + secret.length];
        System.arraycopy(secret, 0, placed, offset, secret.length);
        String encoded = encoder.withoutPadding().encodeToString(placed);
        int firstBit = 8 * offset;
        int endBit = 8 * (offset + secret.length);
        int from = (firstBit + 5) / 6;
        int to = endBit / 6;
        return encoded.substring(from, to);
    }

    /**
     * The base64 of {@code secret} placed {@code offset} bytes into a longer text, from its first character that depends
     * on the secret alone to the end: with its padding, without it, and as credentials-binding writes it (from the
     * character after the prefix's own, padding and the last partial character dropped or kept).
     */
    static Set<String> base64Tails(Base64.Encoder encoder, byte[] secret, int offset) {
        byte[] placed = new byte[offset + secret.length];
        System.arraycopy(secret, 0, placed, offset, secret.length);
        String encoded = encoder.encodeToString(placed);
        Set<String> tails = new LinkedHashSet<>();
        for (int from : new int[] {(8 * offset + 5) / 6, 2 * offset}) {
            String tail = encoded.substring(from);
            tails.add(tail);
            tails.add(tail.replace("=", ""));
            tails.add(withoutPartialLast(tail));
        }
        return tails;
    }

    /** {@code base64} without its padding and the character before it, which holds padding bits. */
    private static String withoutPartialLast(String base64) {
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return padding == 0 ? base64 : base64.substring(0, Math.max(0, base64.length() - padding - 1));
    }

    /** Adds {@code form} unless it is too short to mask safely (escapes consumed can shrink a secret to a letter). */
    private static void addUnlessShort(Set<String> forms, String form) {
        if (form.codePointCount(0, form.length()) >= SecretMask.MINIMUM_SECRET_LENGTH) forms.add(form);
    }

    /** {@code s} as it reads once each {@code escape} has escaped the character after it: {@code \\x} → {@code x}. */
    private static String unescaped(String s, char escape) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == escape && i + 1 < s.length() && s.charAt(i + 1) == escape) {
                out.append(c);
                i++;
            } else if (c != escape) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return out.toString();
    }

    private static String percent(byte[] utf8, String unreserved, String space, boolean lower) {
        StringBuilder out = new StringBuilder(utf8.length * 3);
        for (byte b : utf8) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && unreserved.indexOf(c) >= 0)) {
                out.append((char) c);
            } else if (c == ' ') {
                out.append(space);
            } else {
                String escape = String.format("%%%02X", c);
                out.append(lower ? escape.toLowerCase(Locale.ROOT) : escape);
            }
        }
        return out.toString();
    }

    private static String json(String s, boolean lower, boolean asciiOnly, String htmlSafe, boolean slash) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '/' -> out.append(slash ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7f) || htmlSafe.indexOf(c) >= 0 || c == '\u2028' || c == '\u2029') {
                        String escape = String.format("\\u%04X", (int) c);
                        out.append(lower ? escape.toLowerCase(Locale.ROOT) : escape);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Each run of single quotes closed, double-quoted and reopened: {@code '"'"'}. */
    private static String ashQuoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\'') {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < s.length() && s.charAt(end) == '\'') {
                end++;
            }
            out.append("'\"").append(s, i, end).append("\"'");
            i = end;
        }
        return out.toString();
    }

    /**
     * The inside of bash's {@code $'…'} ({@code printf %q} of a value with a newline): backslash escapes for quotes
     * and control characters; non-ASCII letters as they are (a UTF-8 locale) or as octal bytes (the C locale).
     */
    private static String ansiC(String s, boolean octalBytes) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (octalBytes && c > 0x7f) {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("\\%03o", b & 0xff));
                }
                i = end - 1;
                continue;
            }
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u001b' -> out.append("\\E");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\%03o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Every character a shell would read specially preceded by a backslash, as {@code printf %q} writes it. */
    private static String backslashed(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 && !Character.isLetterOrDigit(c) && "-_./:=@%+~#".indexOf(c) < 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
