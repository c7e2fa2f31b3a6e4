package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.Descriptor;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.HttpCredentials;
import io.releaseledger.health.PrometheusCheck;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code prometheusCheck(server: 'https://prom.example.com', query: 'sum(rate(…[1m]))', condition: '< 0.5')}:
 * core's {@link PrometheusCheck}; {@code credentialsId} (optional) is sent as a bearer token.
 */
public final class PrometheusCheckSpec extends HealthCheckSpec {
    private static final long serialVersionUID = 1L;

    private final String server;
    private final String query;
    private final String condition;
    private String credentialsId;

    @DataBoundConstructor
    public PrometheusCheckSpec(String server, String query, String condition) {
        this.server = Validation.trimToNull(server);
        this.query = Validation.trimToNull(query);
        this.condition = Validation.trimToNull(condition);
    }

    public String getServer() {
        return server;
    }

    public String getQuery() {
        return query;
    }

    public String getCondition() {
        return condition;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Validation.trimToNull(credentialsId);
    }

    @Override
    public HealthCheck toCheck() {
        PrometheusCheck check = PrometheusCheck.of(server, query, condition);
        if (credentialsId != null) check = check.withCredentials(HttpCredentials.bearer(credentialsId));
        if (getName() != null) check = check.named(getName());
        if (getTimeout() != null) check = check.withTimeout(timeoutDuration());
        return check;
    }

    @Extension
    @Symbol("prometheusCheck")
    public static final class DescriptorImpl extends Descriptor<HealthCheckSpec> {
        @Override
        public String getDisplayName() {
            return Messages.PrometheusCheckSpec_DisplayName();
        }
    }
}
