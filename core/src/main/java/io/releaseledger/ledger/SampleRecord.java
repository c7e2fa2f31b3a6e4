package io.releaseledger.ledger;

import io.releaseledger.Inputs;
import io.releaseledger.release.ReleaseMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One health sample as kept in the ledger.
 *
 * @param phase    whether it verified the deploy or the rollback
 * @param check    which check took it, for people ({@code GET https://…/health})
 * @param outcome  {@code HEALTHY}, {@code UNHEALTHY} or {@code INCONCLUSIVE}
 * @param observed what was seen: a status code, a metric value; may be {@code null}
 */
public record SampleRecord(ReleaseMode phase, String check, String outcome, Instant takenAt, Duration latency,
                           String reason, String observed) {
    public SampleRecord {
        Objects.requireNonNull(phase, "phase");
        Inputs.requiredText("check", check, 500);
        if (!java.util.Set.of("HEALTHY", "UNHEALTHY", "INCONCLUSIVE").contains(outcome)) {
            throw new io.releaseledger.InvalidInputException("outcome", outcome,
                    "use HEALTHY, UNHEALTHY or INCONCLUSIVE");
        }
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(latency, "latency");
        Inputs.text("reason", reason, 2000);
        Inputs.text("observed", observed, 2000);
    }
}
