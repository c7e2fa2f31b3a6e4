package io.releaseledger.config;

import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.notify.WebhookTarget;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The contents of a {@code release-ledger.yaml}, as read by {@link ReleaseLedgerYaml}.
 *
 * @param ledger where the ledger is stored; empty means the tool's default embedded store
 * @param environments the environments and their policies
 * @param webhooks the webhooks to notify ({@code notifications.webhooks}); empty when none are configured
 */
public record ReleaseLedgerFile(Optional<LedgerSettings> ledger, EnvironmentConfig environments,
                                List<WebhookTarget> webhooks) {
    public ReleaseLedgerFile {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(environments, "environments");
        webhooks = List.copyOf(Objects.requireNonNull(webhooks, "webhooks"));
    }

    /** A file without notifications. */
    ReleaseLedgerFile(Optional<LedgerSettings> ledger, EnvironmentConfig environments) {
        this(ledger, environments, List.of());
    }
}
