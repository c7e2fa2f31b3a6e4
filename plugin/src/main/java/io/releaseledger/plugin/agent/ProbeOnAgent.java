package io.releaseledger.plugin.agent;

import io.releaseledger.HttpClients;
import io.releaseledger.health.CommandCheck;
import io.releaseledger.health.DirectProbeRunner;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.secrets.SecretMask;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jenkins.security.MasterToSlaveCallable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One probe, taken where the build's workspace is (the agent, inside {@code node}): the check travels as core's
 * plan JSON, the secrets it references as resolved on the controller with the build's credentials (never
 * stored), and the sample comes back. A command check runs in the workspace unless it names a directory. HTTP and
 * Prometheus probes go out through Jenkins' proxy when this runs in the controller's JVM, and with the agent JVM's own
 * proxy settings on an agent ({@link JenkinsHttp#here()}).
 */
@Restricted(NoExternalUse.class) // public for the plugin's other packages, not an API
public final class ProbeOnAgent extends MasterToSlaveCallable<ProbeOnAgent.Sample, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final String checkJson;
    private final Map<String, String> secrets;
    private final String workspace;

    public ProbeOnAgent(HealthCheck check, Map<String, String> secrets, String workspace) {
        this.checkJson = new VerificationPlan(List.of(check), VerificationPolicy.DEFAULTS).toJson();
        this.secrets = new TreeMap<>(secrets);
        this.workspace = workspace;
    }

    @Override
    public Sample call() {
        return probe(JenkinsHttp.here());
    }

    /** Takes the probe with HTTP clients from {@code http}. */
    public Sample probe(HttpClients http) {
        HealthCheck check = VerificationPlan.fromJson(checkJson).checks().get(0);
        if (check instanceof CommandCheck c && c.workingDirectory() == null && workspace != null) {
            check = c.inDirectory(Path.of(workspace));
        }
        List<String> maskable = secrets.values().stream().filter(v -> v.codePointCount(0, v.length()) >= SecretMask.MINIMUM_SECRET_LENGTH).toList();
        SecretMask mask = SecretMask.ofValues(maskable);
        DirectProbeRunner runner = new DirectProbeRunner(Clock.systemUTC(), reference -> {
            String value = secrets.get(reference);
            if (value == null) throw new IllegalArgumentException("credential " + reference + " was not resolved for this probe");
            return value.toCharArray();
        }, mask::mask, http);
        return Sample.of(runner.probe(check));
    }

    /** A sample as it crosses the channel (core's records are not serializable). */
    public record Sample(String check, String outcome, long takenAtMs, long latencyMs, String reason, String observed,
                  String detail) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Sample of(HealthSample s) {
            return new Sample(s.check(), s.outcome().name(), s.takenAt().toEpochMilli(), s.latency().toMillis(), s.reason(),
                    s.observed(), s.detail());
        }

        /** The sample, stamped with the controller's time the probe began (rounds are ordered by the verifier's clock). */
        HealthSample toSample(Instant takenAt) {
            return new HealthSample(check, HealthSample.Outcome.valueOf(outcome), takenAt, Duration.ofMillis(latencyMs), reason,
                    observed, detail, 0);
        }
    }
}
