package io.releaseledger.secrets;

import java.util.List;

/**
 * A secret was refused when the mask was built because it is too short to mask safely. The message
 * names where each refused secret came from, never the secret itself.
 */
public final class SecretTooShortException extends IllegalArgumentException {

    private final List<String> sources;

    SecretTooShortException(List<String> sources) {
        super((sources.size() == 1 ? "The secret of " + sources.get(0) + " is" : "The secrets of " + String.join(", ", sources) + " are")
                + " shorter than " + SecretMask.MINIMUM_SECRET_LENGTH + " characters: a secret of fewer than "
                + SecretMask.MINIMUM_SECRET_LENGTH + " characters would mask ordinary output; use a longer secret.");
        this.sources = List.copyOf(sources);
    }

    /** Where each refused secret came from, e.g. {@code variable API_TOKEN (from staging-probe-token)}. */
    List<String> sources() {
        return sources;
    }
}
