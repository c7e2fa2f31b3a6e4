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
 * <p>What is masked, for each secret:
 * <ul>
 *   <li>its UTF-8 bytes;</li>
 *   <li>its standard base64 encoding, with and without {@code =} padding, so {@code echo $TOKEN | base64}
 *       is masked;</li>
 *   <li>the part of its base64 form that does not depend on neighbouring bytes, at each of the three byte
 *       offsets, so the secret is also masked inside a longer base64 text such as a basic-auth header
 *       ({@code base64("user:" + secret)}); these embedded forms are used only when at least
 *       {@value #MINIMUM_EMBEDDED_BASE64_LENGTH} characters long, as shorter fragments would match
 *       ordinary words.</li>
 * </ul>
 * Where matches overlap or nest, the whole overlapping run is replaced by one {@value #REPLACEMENT}, so
 * the longest match wins and no part of either secret is left showing. Matching is on bytes, so
 * multibyte characters need no special care.
 *
 * <p>Not masked: other encodings (URL-safe base64, hex, URL-encoding), base64 wrapped across lines.
 */
public final class SecretMask {

    /** What every masked run is replaced with. */
    public static final String REPLACEMENT = "****";

    /** Secrets with fewer characters (code points) than this are refused: they would mask ordinary output. */
    public static final int MINIMUM_SECRET_LENGTH = 3;

    /** Base64 fragments of a secret embedded in longer base64 text are masked only from this length. */
    public static final int MINIMUM_EMBEDDED_BASE64_LENGTH = 6;

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
            addForms(patterns, value.getBytes(StandardCharsets.UTF_8));
        }
        return new SecretMask(patterns, values.size());
    }

    private static void addForms(PatternTrie patterns, byte[] secret) {
        patterns.add(secret);
        String standard = Base64.getEncoder().encodeToString(secret);
        patterns.add(ascii(standard));
        patterns.add(ascii(stripPadding(standard)));
        for (int offset = 0; offset < 3; offset++) {
            String embedded = embeddedBase64(secret, offset);
            if (embedded.length() >= MINIMUM_EMBEDDED_BASE64_LENGTH) {
                patterns.add(ascii(embedded));
            }
        }
    }

    /**
     * The base64 characters a secret produces when it starts {@code offset} bytes into a 3-byte group of a
     * longer text: only the characters whose 6 bits all come from the secret, as the others change with
     * the neighbouring bytes.
     */
    static String embeddedBase64(byte[] secret, int offset) {
        byte[] placed = new byte[offset + secret.length];
        System.arraycopy(secret, 0, placed, offset, secret.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(placed);
        int firstBit = 8 * offset;
        int endBit = 8 * (offset + secret.length);
        int from = (firstBit + 5) / 6;
        int to = endBit / 6;
        return encoded.substring(from, to);
    }

    private static String stripPadding(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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
