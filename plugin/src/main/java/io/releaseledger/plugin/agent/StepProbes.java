package io.releaseledger.plugin.agent;

import hudson.remoting.VirtualChannel;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.HttpCredentials;
import io.releaseledger.health.PrometheusCheck;
import io.releaseledger.plugin.credentials.ResolvedCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The steps' {@link HealthProbeRunner}: resolves the credentials a check references (with the build's
 * authentication, at probe time) and takes the probe through {@link ProbeOnAgent} — on the agent when the step
 * runs inside {@code node} (the workspace's channel), else in the controller's JVM.
 */
@Restricted(NoExternalUse.class) // public for the plugin's other packages, not an API
public final class StepProbes implements HealthProbeRunner {
    /** Runs a callable where the probes run. */
    public interface Where {
        ProbeOnAgent.Sample run(ProbeOnAgent probe) throws Exception;
    }

    private final ResolvedCredential.Source credentials;
    private final Where where;
    private final String workspace;
    private final Clock clock;

    /** Probes through the workspace's channel (the agent), or in this JVM when {@code channel} is {@code null}. */
    public static StepProbes on(ResolvedCredential.Source credentials, VirtualChannel channel, String workspace, Clock clock) {
        Where where = channel == null ? ProbeOnAgent::call : probe -> channel.call(probe);
        return new StepProbes(credentials, where, workspace, clock);
    }

    public StepProbes(ResolvedCredential.Source credentials, Where where, String workspace, Clock clock) {
        this.credentials = credentials;
        this.where = where;
        this.workspace = workspace;
        this.clock = clock;
    }

    @Override
    public HealthSample probe(HealthCheck check) {
        Instant at = clock.instant();
        Map<String, String> secrets = new LinkedHashMap<>();
        try {
            HttpCredentials creds = check instanceof HttpCheck h ? h.credentials()
                    : check instanceof PrometheusCheck p ? p.credentials() : null;
            if (creds instanceof HttpCredentials.Bearer b) {
                secrets.put(b.tokenRef(), credentials.find(b.tokenRef()).primary());
            } else if (creds instanceof HttpCredentials.Basic b) {
                secrets.put(b.passwordRef(), credentials.find(b.passwordRef()).primary());
            }
        } catch (Exception e) {
            // Nothing is sent without its secret: the round learns nothing from this check.
            return new HealthSample(check.name(), HealthSample.Outcome.INCONCLUSIVE, at, Duration.ZERO,
                    "credentials could not be resolved: " + e.getMessage(), null, null, 0);
        }
        try {
            return where.run(new ProbeOnAgent(check, secrets, workspace)).toSample(at);
        } catch (Exception e) {
            return new HealthSample(check.name(), HealthSample.Outcome.INCONCLUSIVE, at, Duration.between(at, clock.instant()),
                    "the probe could not run on the agent: " + e, null, null, 0);
        }
    }
}
