package io.releaseledger.ledger;

import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.release.ReleaseState;

/**
 * Narrows an environment's history to one artifact, one state, or both. Validated on construction,
 * so a bad artifact name is refused with the same message everywhere.
 *
 * @param artifact only releases of this artifact name, or {@code null} for all
 * @param state    only releases now in this state, or {@code null} for all
 */
public record HistoryFilter(String artifact, ReleaseState state) {
    /** Every release of the environment. */
    static final HistoryFilter ALL = new HistoryFilter(null, null);

    public HistoryFilter {
        if (artifact != null) {
            ArtifactRegistration.validName(artifact);
        }
    }

    static HistoryFilter artifact(String artifact) {
        return new HistoryFilter(artifact, null);
    }

    static HistoryFilter state(ReleaseState state) {
        return new HistoryFilter(null, state);
    }
}
