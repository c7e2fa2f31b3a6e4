package io.releaseledger.plugin;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.Verification;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.Verifier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code def v = verifyHealth(healthChecks: [httpCheck(url: '…')], verification: [successThreshold: 2])}: a health
 * verification alone, with no release in the ledger — the same checks, policy and verdict rules as after a
 * deploy. Returns {@code [verdict, healthy, reason, rounds, samples]}; an UNHEALTHY or INCONCLUSIVE verdict is a
 * value, not a failure (fail the build on {@code !v.healthy} if that is what you want).
 */
public final class VerifyHealthStep extends Step {
    private final List<HealthCheckSpec> healthChecks;
    private VerificationSettings verification;

    @DataBoundConstructor
    public VerifyHealthStep(List<HealthCheckSpec> healthChecks) {
        this.healthChecks = healthChecks == null ? new ArrayList<>() : new ArrayList<>(healthChecks);
    }

    public List<HealthCheckSpec> getHealthChecks() {
        return List.copyOf(healthChecks);
    }

    public VerificationSettings getVerification() {
        return verification;
    }

    @DataBoundSetter
    public void setVerification(VerificationSettings verification) {
        this.verification = verification;
    }

    /** Core's plan, checked. */
    VerificationPlan plan() throws AbortException {
        try {
            List<HealthCheck> checks = HealthCheckSpec.toChecks(healthChecks);
            if (checks.isEmpty()) throw new AbortException(DescriptorImpl.NAME + ": healthChecks: give at least one check");
            return new VerificationPlan(checks, VerificationSettings.policy(verification));
        } catch (RuntimeException e) {
            AbortException fixable = StepErrors.fixable(DescriptorImpl.NAME, e);
            throw fixable != null ? fixable : new AbortException(DescriptorImpl.NAME + ": " + e.getMessage());
        }
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(plan(), context);
    }

    /**
     * Asynchronous: rounds are timers on the shared scheduler, no thread waits between them. Its state is the plan
     * (JSON), the start time and the samples taken, so after a restart it continues from them.
     */
    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private final String planJson;
        private long startMs;
        private final List<Kept> samples = new ArrayList<>();
        private int rounds;
        private long nextWakeMs;
        private boolean done;
        private transient ScheduledFuture<?> wake;

        Execution(VerificationPlan plan, StepContext context) {
            super(context);
            this.planJson = plan.toJson();
        }

        @Override
        public synchronized boolean start() {
            startMs = StepHost.get().clock().millis();
            arm();
            return false;
        }

        @Override
        public synchronized void onResume() {
            if (!done) arm();
        }

        @Override
        public synchronized void stop(Throwable cause) {
            done = true;
            if (wake != null) wake.cancel(false);
            getContext().onFailure(cause);
        }

        @Override
        public synchronized String getStatus() {
            return done ? "verified" : "verifying: " + rounds + " round(s) taken, next probe at " + Instant.ofEpochMilli(nextWakeMs);
        }

        private Verification state(VerificationPlan plan) {
            List<HealthSample> recorded = new ArrayList<>();
            for (Kept k : samples) recorded.add(k.toSample());
            int checks = Verifier.effectiveChecks(plan.policy(), plan.checks()).size();
            return Verification.replay(plan.policy(), Instant.ofEpochMilli(startMs), Verification.Step.fromSamples(recorded, checks));
        }

        /** Schedules the next round, or ends with the verdict. */
        private synchronized void arm() {
            VerificationPlan plan = VerificationPlan.fromJson(planJson);
            Verification v = state(plan).expire(StepHost.get().clock().instant());
            if (v.decision() instanceof Verification.Concluded c) {
                finish(c);
                return;
            }
            Instant at = ((Verification.Continue) v.decision()).nextProbeAt();
            long delay = Math.max(0, Duration.between(StepHost.get().clock().instant(), at).toMillis());
            nextWakeMs = at.toEpochMilli();
            wake = StepHost.get().scheduler().schedule(this::round, delay, TimeUnit.MILLISECONDS);
        }

        private synchronized void round() {
            if (done) return;
            try {
                VerificationPlan plan = VerificationPlan.fromJson(planJson);
                StepHost host = StepHost.get();
                Verifier verifier = new Verifier(host.probes(getContext()), host.clock(), at -> { });
                int round = rounds + 1;
                verifier.round(Verifier.effectiveChecks(plan.policy(), plan.checks()), round, s -> {
                    samples.add(Kept.of(s));
                    log("round " + s.round() + " " + s.check() + ": " + s.outcome() + " — " + s.reason());
                });
                rounds = round;
                arm();
            } catch (IOException | RuntimeException e) {
                done = true;
                getContext().onFailure(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = true;
                getContext().onFailure(e);
            }
        }

        private void finish(Verification.Concluded c) {
            done = true;
            log("verdict " + c.verdict() + ": " + c.reason());
            getContext().onSuccess(verdict(c, samples));
        }

        private void log(String line) {
            try {
                TaskListener listener = getContext().get(TaskListener.class);
                PrintStream logger = listener == null ? null : listener.getLogger();
                if (logger != null) logger.println("Release Ledger: " + line);
            } catch (IOException | RuntimeException e) {
                // no log: the verdict is returned anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The step's value: plain types only. */
    static Map<String, Object> verdict(Verification.Concluded c, List<Kept> samples) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("verdict", c.verdict().name());
        result.put("healthy", c.verdict() == io.releaseledger.health.Verdict.HEALTHY);
        result.put("reason", c.reason());
        result.put("rounds", samples.stream().mapToInt(Kept::round).max().orElse(0));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Kept k : samples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("round", k.round());
            m.put("check", k.check());
            m.put("outcome", k.outcome());
            m.put("reason", k.reason());
            m.put("observed", k.observed());
            m.put("takenAt", Instant.ofEpochMilli(k.takenAtMs()).toString());
            m.put("latencyMs", k.latencyMs());
            list.add(m);
        }
        result.put("samples", list);
        return result;
    }

    /** A sample as the execution keeps it across a restart. */
    record Kept(String check, String outcome, long takenAtMs, long latencyMs, String reason, String observed, String detail,
                int round) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Kept of(HealthSample s) {
            return new Kept(s.check(), s.outcome().name(), s.takenAt().toEpochMilli(), s.latency().toMillis(), s.reason(),
                    s.observed(), s.detail(), s.round());
        }

        HealthSample toSample() {
            return new HealthSample(check, HealthSample.Outcome.valueOf(outcome), Instant.ofEpochMilli(takenAtMs),
                    Duration.ofMillis(latencyMs), reason, observed, detail, round);
        }
    }

    @Extension
    @Symbol("verifyHealth")
    public static final class DescriptorImpl extends StepDescriptor {
        static final String NAME = "verifyHealth";

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Verify health with Release Ledger checks (no release)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
