package io.releaseledger.web;

import io.releaseledger.ledger.Ledger;
import java.util.Map;
import java.util.Objects;

/**
 * The ledger's read-only HTTP face, independent of any server: JSON views under {@code /api/} and
 * the static UI. A host maps GET requests onto {@link #get}.
 */
public final class LedgerWeb {
    private final Ledger ledger;

    public LedgerWeb(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * Answers a GET of {@code path} (relative to where the host mounts the console, starting with
     * {@code /}) with its decoded query parameters. Never throws for bad input: that is a 400 with a
     * JSON error naming the parameter.
     */
    public WebResponse get(String path, Map<String, String> query) {
        return new WebResponse(404, "application/json", "{\"error\":\"not found\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    Ledger ledger() {
        return ledger;
    }
}
