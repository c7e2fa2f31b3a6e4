package io.releaseledger.ledger;

import io.releaseledger.health.HealthSample;
import io.releaseledger.release.ReleaseMode;
import java.util.Objects;

/**
 * One health sample as kept in the ledger.
 *
 * @param phase whether it verified the deploy or the rollback
 */
public record SampleRecord(ReleaseMode phase, HealthSample sample) {
    public SampleRecord {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(sample, "sample");
    }
}
