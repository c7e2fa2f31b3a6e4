package io.releaseledger.ledger;

import io.releaseledger.artifact.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The chain's hash function, in one place: appending and verifying must never disagree. */
final class EventHashes {
    private EventHashes() {}

    /** {@code sha256(previousHash ‖ canonical bytes of the event)}, as 64 lower-case hex digits. */
    static String link(String previousHash, LedgerEvent event) {
        MessageDigest sha = Digest.sha256Digester();
        sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        sha.update(event.canonicalBytes());
        return HexFormat.of().formatHex(sha.digest());
    }
}
