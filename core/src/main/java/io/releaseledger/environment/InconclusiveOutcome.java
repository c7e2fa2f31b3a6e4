package io.releaseledger.environment;

/**
 * What an environment does when health verification cannot decide (probes unreachable, too few samples).
 * Treating it as unhealthy is the safe default: a release nobody could verify is rolled back.
 */
public enum InconclusiveOutcome {
    /** Treat as unhealthy: roll back if {@code autoRollback} is on. The default. */
    UNHEALTHY,
    /** Treat as healthy: keep the release live. */
    HEALTHY
}
