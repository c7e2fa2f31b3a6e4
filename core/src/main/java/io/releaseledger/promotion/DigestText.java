package io.releaseledger.promotion;

import java.util.regex.Pattern;

/** Digest checks until {@code io.releaseledger.artifact.Digest} replaces these strings. */
final class DigestText {
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private DigestText() {}

    static String requireValid(String digest) {
        if (digest == null || !SHA256.matcher(digest).matches()) {
            throw new IllegalArgumentException("digest: \"" + digest + "\" is not valid; allowed: sha256: followed by 64 lowercase hex digits");
        }
        return digest;
    }

    /** {@code sha256:ab12cd34ef56…}: enough to recognise in a message, short enough to read. */
    static String shortForm(String digest) {
        return digest.substring(0, "sha256:".length() + 12) + "…";
    }
}
