package io.releaseledger.health;

/**
 * Port: where probes run. {@link DirectProbeRunner} runs them in this JVM; the Jenkins plugin runs
 * them on the build's agent.
 */
@FunctionalInterface
public interface HealthProbeRunner {

    /**
     * Probes {@code check} once. Implementations never throw for a failing target and never block
     * past the check's timeout; a probe that cannot complete is an UNHEALTHY or INCONCLUSIVE sample.
     * {@link HealthSample#takenAt()} must come from the verifier's clock, since rounds are ordered by it.
     */
    HealthSample probe(HealthCheck check);
}
