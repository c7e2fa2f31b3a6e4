/**
 * Health verification after a deploy: what to probe ({@link io.releaseledger.health.HealthCheck}),
 * how one probe is taken ({@link io.releaseledger.health.HealthProbeRunner}), how samples become a
 * verdict ({@link io.releaseledger.health.Verification}, pure) and the loop that drives it for real
 * ({@link io.releaseledger.health.Verifier}).
 *
 * <p>Everything here uses the JDK only. Bad configuration is refused at construction with an
 * exception naming the field, the bad value and what is allowed; a probe itself never throws, it
 * returns a {@link io.releaseledger.health.HealthSample}.
 */
package io.releaseledger.health;
