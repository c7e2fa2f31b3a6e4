package io.releaseledger.environment;

import java.util.Objects;
import java.util.Optional;

/**
 * The contents of a {@code release-ledger.yaml}, as read by {@link PolicyYaml}.
 *
 * @param ledger where the ledger is stored; empty means the tool's default embedded store
 * @param environments the environments and their policies
 */
public record ReleaseLedgerFile(Optional<LedgerSettings> ledger, EnvironmentConfig environments) {
    public ReleaseLedgerFile {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(environments, "environments");
    }
}
