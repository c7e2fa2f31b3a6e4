package io.releaseledger.environment;

import java.util.List;

/** A name that is not one of the configured environments; the message lists the ones that are. */
public final class UnknownEnvironmentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> known;

    public UnknownEnvironmentException(String name, List<String> known) {
        super("unknown environment \"" + name + "\"; the configured environments are: "
                + (known.isEmpty() ? "(none)" : String.join(", ", known)));
        this.name = name;
        this.known = List.copyOf(known);
    }

    /** The name that was asked for. */
    public String name() {
        return name;
    }

    /** The configured environment names, in promotion order. */
    public List<String> known() {
        return known;
    }
}
