package io.releaseledger.environment;

import io.releaseledger.InvalidInputException;
import java.util.Collection;
import java.util.List;

/** An environment name that is not defined. Bad input: nothing was changed. The message lists the defined ones. */
public final class UnknownEnvironmentException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> known;

    public UnknownEnvironmentException(String name, Collection<String> known) {
        super("environment", name, known.isEmpty()
                ? "no environments are defined yet; define them first (release-ledger.yaml, or Manage Jenkins » Release Ledger)"
                : "no such environment; defined environments are " + String.join(", ", known));
        this.name = name;
        this.known = List.copyOf(known);
    }

    /** The name that was asked for. */
    String name() {
        return name;
    }

    /** The defined environment names, in promotion order. */
    List<String> known() {
        return known;
    }
}
