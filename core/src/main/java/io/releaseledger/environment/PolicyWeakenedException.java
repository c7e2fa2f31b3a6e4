package io.releaseledger.environment;

import java.util.List;

/**
 * A pipeline tried to make an environment's policy weaker than the administrator set it. Pipelines may
 * only tighten a policy; {@link #weakened()} lists every field the attempt would have weakened.
 */
public final class PolicyWeakenedException extends InvalidPolicyException {
    private static final long serialVersionUID = 1L;

    private final List<String> weakened;
    private final String details;

    PolicyWeakenedException(String field, List<String> weakened, String details, String allowed) {
        this(field, weakened, details, allowed, null, 0);
    }

    private PolicyWeakenedException(String field, List<String> weakened, String details, String allowed,
                                    String file, int line) {
        super(field, null, "a pipeline may only make the policy stricter, but this would weaken it: " + details,
                allowed, file, line);
        this.weakened = List.copyOf(weakened);
        this.details = details;
    }

    /** The fields the pipeline tried to weaken, e.g. {@code [required, timeout]}. */
    List<String> weakened() {
        return weakened;
    }

    @Override
    InvalidPolicyException copy(String path, String file, int line) {
        return new PolicyWeakenedException(path, weakened, details, allowed(), file, line);
    }
}
