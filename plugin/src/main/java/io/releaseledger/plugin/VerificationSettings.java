package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.releaseledger.health.VerificationPolicy;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code verification: [interval: '10s', successThreshold: 3, failureThreshold: 2, bakeTime: '2m']} (a map, which
 * Pipeline turns into this describable) or {@code verification(…)}: when to probe and what it takes to conclude.
 * Unset values keep core's defaults ({@link VerificationPolicy#DEFAULTS}); {@link #toPolicy()} checks them all.
 */
public final class VerificationSettings implements Describable<VerificationSettings>, Serializable {
    private static final long serialVersionUID = 1L;

    private String interval;
    private String initialDelay;
    private String probeTimeout;
    private String bakeTime;
    private String maxDuration;
    private int successThreshold;
    private int failureThreshold;

    @DataBoundConstructor
    public VerificationSettings() {
    }

    public String getInterval() {
        return interval;
    }

    /** From the start of one round to the start of the next; default {@code 10s}. */
    @DataBoundSetter
    public void setInterval(String interval) {
        this.interval = Validation.trimToNull(interval);
    }

    public String getInitialDelay() {
        return initialDelay;
    }

    @DataBoundSetter
    public void setInitialDelay(String initialDelay) {
        this.initialDelay = Validation.trimToNull(initialDelay);
    }

    public String getProbeTimeout() {
        return probeTimeout;
    }

    @DataBoundSetter
    public void setProbeTimeout(String probeTimeout) {
        this.probeTimeout = Validation.trimToNull(probeTimeout);
    }

    public String getBakeTime() {
        return bakeTime;
    }

    @DataBoundSetter
    public void setBakeTime(String bakeTime) {
        this.bakeTime = Validation.trimToNull(bakeTime);
    }

    public String getMaxDuration() {
        return maxDuration;
    }

    @DataBoundSetter
    public void setMaxDuration(String maxDuration) {
        this.maxDuration = Validation.trimToNull(maxDuration);
    }

    public int getSuccessThreshold() {
        return successThreshold;
    }

    /** Consecutive healthy rounds needed; 0 (unset) means the default, 3. */
    @DataBoundSetter
    public void setSuccessThreshold(int successThreshold) {
        this.successThreshold = successThreshold;
    }

    public int getFailureThreshold() {
        return failureThreshold;
    }

    /** Unhealthy rounds that conclude UNHEALTHY; 0 (unset) means the default, 2. */
    @DataBoundSetter
    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    /**
     * Core's policy.
     *
     * @throws io.releaseledger.InvalidInputException naming {@code verification.FIELD}
     */
    public VerificationPolicy toPolicy() {
        Map<String, Object> settings = new LinkedHashMap<>();
        put(settings, "interval", interval);
        put(settings, "initialDelay", initialDelay);
        put(settings, "probeTimeout", probeTimeout);
        put(settings, "bakeTime", bakeTime);
        put(settings, "maxDuration", maxDuration);
        if (successThreshold != 0) settings.put("successThreshold", successThreshold);
        if (failureThreshold != 0) settings.put("failureThreshold", failureThreshold);
        return VerificationPolicy.of(settings);
    }

    static VerificationPolicy policy(VerificationSettings settings) {
        return settings == null ? VerificationPolicy.DEFAULTS : settings.toPolicy();
    }

    private static void put(Map<String, Object> settings, String key, String value) {
        if (value != null) settings.put(key, value);
    }

    @Extension
    @Symbol("verification")
    public static final class DescriptorImpl extends Descriptor<VerificationSettings> {
        @Override
        public String getDisplayName() {
            return Messages.VerificationSettings_DisplayName();
        }
    }
}
