package io.releaseledger.secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces bound secret values in output with {@value #REPLACEMENT}. Immutable and thread-safe; build
 * one per set of bound secrets and use it for every stream and message of that deploy.
 *
 * <p>What is masked, for each secret — and, for a secret of several lines, for each line of at least
 * {@value SecretForms#MINIMUM_LINE_LENGTH} characters:
 * <ul>
 *   <li>its UTF-8 bytes;</li>
 *   <li>its base64, standard and URL-safe, with and without {@code =} padding, so {@code echo $TOKEN | base64}
 *       is masked; and the part of each that does not depend on neighbouring bytes, at each of the three byte
 *       offsets, so the secret is also masked inside a longer base64 text such as a basic-auth header
 *       ({@code base64("user:" + secret)}); these embedded forms are used only when at least
 *       {@value #MINIMUM_EMBEDDED_BASE64_LENGTH} characters long, as shorter fragments would match
 *       ordinary words;</li>
 *   <li>its hex, lower and upper case;</li>
 *   <li>its percent-encoding as URL and form encoders write it (space as {@code %20} or {@code +}, escapes in
 *       either case);</li>
 *   <li>its escaped form inside a JSON string (minimal, ASCII-only, HTML-safe; Unicode escapes in either
 *       case);</li>
 *   <li>its quoted form as shells print it under {@code set -x}: bash's {@code '\''} (with and without the
 *       enclosing quotes), ash's and dash's {@code '"'"'}, ANSI-C {@code $'…'} and backslash escapes;</li>
 *   <li>the value with one level of escapes consumed: backslashes (a shell), carets (Windows' {@code cmd}), and
 *       with each {@code $} doubled (Compose, Make) — with the base64 tails below, every form
 *       jenkinsci/credentials-binding's pattern factories mask;</li>
 *   <li>the end of a longer base64 text holding the secret, padding bits and padding included.</li>
 * </ul>
 * Where matches overlap or nest, the whole overlapping run is replaced by one {@value #REPLACEMENT}, so
 * the longest match wins and no part of either secret is left showing. Matching is on bytes, so
 * multibyte characters need no special care.
 *
 * <p>Not masked: base64 wrapped across lines, encodings applied twice, lines of a multi-line secret shorter
 * than {@value SecretForms#MINIMUM_LINE_LENGTH} characters.
 */
public final class SecretMask {

    /** What every masked run is replaced with. */
    static final String REPLACEMENT = "****";

    /** Secrets with fewer characters (code points) than this are refused: they would mask ordinary output. */
    public static final int MINIMUM_SECRET_LENGTH = 3;

    /** Base64 fragments of a secret embedded in longer base64 text are masked only from this length. */
    static final int MINIMUM_EMBEDDED_BASE64_LENGTH = 6;

    private static final byte[] REPLACEMENT_BYTES = REPLACEMENT.getBytes(StandardCharsets.US_ASCII);
    private static final SecretMask NONE = new SecretMask(new PatternTrie(), 0);

    private final PatternTrie patterns;
    private final int secretCount;

    private SecretMask(PatternTrie patterns, int secretCount) {
        this.patterns = patterns;
        this.secretCount = secretCount;
    }

    /**
     * A mask for resolved bindings.
     *
     * @param valuesByBinding each binding with the secret value it resolved to
     * @throws SecretTooShortException naming every binding whose value has fewer than
     *                                 {@value #MINIMUM_SECRET_LENGTH} characters
     */
    public static SecretMask of(Map<SecretBinding, String> valuesByBinding) {
        List<String> sources = new ArrayList<>(valuesByBinding.size());
        List<String> values = new ArrayList<>(valuesByBinding.size());
        valuesByBinding.forEach((binding, value) -> {
            sources.add("variable " + binding.variable() + " (from " + binding.reference() + ")");
            values.add(value);
        });
        return build(sources, values);
    }

    /**
     * A mask for secret values known without their bindings (for example the CLI's configured secrets).
     *
     * @throws SecretTooShortException naming each too-short value by its position, never by its content
     */
    public static SecretMask ofValues(Collection<String> secretValues) {
        List<String> values = new ArrayList<>(secretValues); // may hold a null, reported below by position
        List<String> sources = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            sources.add("secret value #" + (i + 1) + " of " + values.size());
        }
        return build(sources, values);
    }

    /** A mask that masks nothing. */
    public static SecretMask none() {
        return NONE;
    }

    private static SecretMask build(List<String> sources, List<String> values) {
        List<String> tooShort = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String source = sources.get(i);
            String value = Objects.requireNonNull(values.get(i), () -> "no secret value was given for " + source);
            if (value.codePointCount(0, value.length()) < MINIMUM_SECRET_LENGTH) {
                tooShort.add(sources.get(i));
            }
        }
        if (!tooShort.isEmpty()) {
            throw new SecretTooShortException(tooShort);
        }
        PatternTrie patterns = new PatternTrie();
        for (String value : values) {
            for (String form : SecretForms.of(value, MINIMUM_EMBEDDED_BASE64_LENGTH)) {
                patterns.add(form.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new SecretMask(patterns, values.size());
    }

    /** The base64 of {@code secret} at {@code offset} bytes into a group of a longer text; see {@link SecretForms}. */
    static String embeddedBase64(byte[] secret, int offset) {
        return SecretForms.embeddedBase64(Base64.getEncoder(), secret, offset);
    }

    /** {@code text} with every secret replaced; for one-shot output such as CLI messages and error texts. */
    public String mask(String text) {
        if (secretCount == 0 || text.isEmpty()) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream masked = new ByteArrayOutputStream(bytes.length);
        try {
            scan(bytes, 0, bytes.length, true, new Cursor(), masked);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a ByteArrayOutputStream never throws
        }
        return masked.toString(StandardCharsets.UTF_8);
    }

    /** A stream that writes to {@code out} with every secret masked; see {@link MaskingOutputStream}. */
    public MaskingOutputStream filter(OutputStream out) {
        return new MaskingOutputStream(out, this);
    }

    /** Whether this mask has no secrets, so masking changes nothing. */
    public boolean isEmpty() {
        return secretCount == 0;
    }

    /** Never shows the secrets: a mask may end up in a debugger, a log line or an exception message. */
    @Override
    public String toString() {
        return "SecretMask[" + secretCount + " secrets, " + patterns.patternCount() + " patterns]";
    }

    /** The longest number of bytes a stream may have to hold back before it can decide. */
    int longestPattern() {
        return patterns.longestPattern();
    }

    /** Scanning state carried by a stream from one write to the next. */
    static final class Cursor {
        /** How many of the next bytes belong to a masked run whose replacement is already written. */
        int maskedAhead;
    }

    /**
     * Writes the masked form of {@code buf[from, to)} to {@code sink}, as far as it is settled.
     *
     * <p>A byte is settled once it is known whether a match covers it: bytes that start no possible match
     * are written at once, and scanning stops at the first byte that may start (or extend) a match that the
     * bytes not seen yet could complete. At the end of input everything is settled.
     *
     * @return the index of the first byte not settled; the caller passes it again with what follows
     */
    int scan(byte[] buf, int from, int to, boolean endOfInput, Cursor cursor, OutputStream sink) throws IOException {
        int runEnd = from + cursor.maskedAhead; // end of the masked run in progress; <= i when there is none
        int passFrom = from;                    // start of the bytes passing through unchanged, written in one slice
        int i = from;
        while (i < to) {
            int match = patterns.longestMatchAt(buf, i, to, endOfInput);
            if (match == PatternTrie.UNDECIDED) {
                break;
            }
            if (i < runEnd) {
                // Inside a run: a match starting here extends it, so an overlapping secret is not half shown.
                runEnd = Math.max(runEnd, i + match);
                passFrom = ++i;
            } else if (match > 0) {
                sink.write(buf, passFrom, i - passFrom);
                sink.write(REPLACEMENT_BYTES);
                runEnd = i + match;
                passFrom = ++i;
            } else {
                i++;
            }
        }
        sink.write(buf, passFrom, i - passFrom);
        cursor.maskedAhead = Math.max(0, runEnd - i);
        return i;
    }
}
