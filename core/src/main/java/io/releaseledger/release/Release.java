package io.releaseledger.release;

import io.releaseledger.artifact.Digest;
import java.time.Instant;

/**
 * One attempt to put an artifact into an environment, as the ledger holds it.
 *
 * @param rollbackTargetId for a release being (or having been) rolled back: the known-good release
 *                         whose artifact was redeployed; {@code null} otherwise
 * @param liveAt           when it reached {@link ReleaseState#LIVE}, or {@code null}
 */
public record Release(long id, String environment, String artifactName, String version, Digest digest,
                      ReleaseMode mode, ReleaseState state, String reason, Long rollbackTargetId,
                      String initiator, String origin, Instant requestedAt, Instant updatedAt, Instant liveAt) {

    /** {@code payments-api 1.4.2}. */
    public String coordinates() {
        return artifactName + " " + version;
    }
}
