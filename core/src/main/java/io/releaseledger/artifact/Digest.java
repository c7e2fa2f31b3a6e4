package io.releaseledger.artifact;

import io.releaseledger.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code sha256:<64 lowercase hex>}: the identity of an artifact. Upper-case hex
 * is refused rather than folded, so one artifact never has two spellings in the ledger.
 */
public record Digest(String value) {
    private static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{64}");

    public Digest {
        if (value == null || !FORM.matcher(value).matches()) {
            String hint = value != null && FORM.matcher(value.toLowerCase(java.util.Locale.ROOT)).matches()
                    ? "use lower-case hex digits (sha256:" + value.substring(7).toLowerCase(java.util.Locale.ROOT) + ")"
                    : "expected sha256: followed by 64 lower-case hex digits, e.g. the output of"
                            + " 'sha256sum FILE' prefixed with sha256:";
            throw new InvalidInputException("digest", value, hint);
        }
    }

    /** Parses the text form; same as the constructor, named for readability at call sites. */
    public static Digest of(String value) {
        return new Digest(value);
    }

    /** The digest of {@code bytes}; for small inputs (large files are streamed by the registrar). */
    public static Digest sha256(byte[] bytes) {
        return fromRaw(sha256Digester().digest(bytes));
    }

    /** A digest from the raw 32 bytes of a finished SHA-256. */
    static Digest fromRaw(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, got " + sha256.length);
        }
        return new Digest("sha256:" + HexFormat.of().formatHex(sha256));
    }

    /** A fresh SHA-256 {@link MessageDigest}; every JVM has one. */
    public static MessageDigest sha256Digester() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The 64 hex digits without the algorithm prefix. */
    public String hex() {
        return value.substring(7);
    }

    /** A short form for people: {@code sha256:ab12cd34ef56}. */
    public String shortForm() {
        return value.substring(0, 19);
    }

    @Override
    public String toString() {
        return value;
    }
}
