package io.releaseledger.health;

/** The conclusion of a verification. */
public enum Verdict {
    /** The success threshold was met after the bake time. */
    HEALTHY,
    /** The failure threshold was met. */
    UNHEALTHY,
    /** Neither threshold was met within the maximum duration. What that means is the release policy's call. */
    INCONCLUSIVE
}
