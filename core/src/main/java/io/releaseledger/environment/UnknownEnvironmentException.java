package io.releaseledger.environment;

import io.releaseledger.InvalidInputException;
import java.util.Collection;

/** An environment name that is not defined. Bad input: nothing was changed. */
public class UnknownEnvironmentException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public UnknownEnvironmentException(String name, Collection<String> known) {
        super("environment", name, known.isEmpty()
                ? "no environments are defined yet; define them first (release-ledger.yaml, or Manage Jenkins » Release Ledger)"
                : "no such environment; defined environments are " + String.join(", ", known));
    }
}
