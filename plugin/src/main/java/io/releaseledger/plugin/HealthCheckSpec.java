package io.releaseledger.plugin;

import hudson.model.Describable;
import io.releaseledger.Durations;
import io.releaseledger.health.HealthCheck;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A health check as a pipeline writes it ({@code httpCheck(…)}, {@code prometheusCheck(…)},
 * {@code commandCheck(…)}): the values as typed, mapped onto core's checks by {@link #toCheck()}, where
 * every rule is checked. Credentials are ids (secret references), resolved at probe time.
 */
public abstract class HealthCheckSpec implements Describable<HealthCheckSpec>, Serializable {
    private static final long serialVersionUID = 1L;

    private String name;
    private String timeout;

    /** Shown with each sample; derived from the target when empty. */
    public String getName() {
        return name;
    }

    // Optional for every kind; Stapler and Pipeline find setters declared on superclasses.
    @DataBoundSetter
    public void setName(String name) {
        this.name = Validation.trimToNull(name);
    }

    /** Per-probe timeout such as {@code 3s}; empty means the verification's {@code probeTimeout}. */
    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Validation.trimToNull(timeout);
    }

    /** The non-blank lines of a form's text area, each trimmed: a list parameter typed one entry per line. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\r?\\n")) {
            if (!line.isBlank()) lines.add(line.strip());
        }
        return lines;
    }

    /**
     * Core's check.
     *
     * @throws io.releaseledger.InvalidInputException naming the field (e.g. {@code health check url …})
     */
    public abstract HealthCheck toCheck();

    Duration timeoutDuration() {
        return timeout == null ? null : Durations.parse("timeout", timeout);
    }

    static List<HealthCheck> toChecks(List<? extends HealthCheckSpec> specs) {
        List<HealthCheck> checks = new ArrayList<>();
        if (specs != null) {
            for (HealthCheckSpec spec : specs) checks.add(spec.toCheck());
        }
        return checks;
    }
}
