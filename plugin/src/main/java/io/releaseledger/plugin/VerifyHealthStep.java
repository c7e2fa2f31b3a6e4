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
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.io.ObjectOutputStream;
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
            if (checks.isEmpty()) throw new AbortException(Messages.VerifyHealthStep_NoChecks(DescriptorImpl.NAME));
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
     * Asynchronous: rounds are timers on the shared scheduler, no thread waits between them, and a round runs on
     * {@link PluginRuntime#blockingWork()}, not on the scheduler's thread. Its state is the plan (JSON), the start time
     * (epoch ms), the samples kept and counters; after each round it asks Pipeline to write it to the program
     * ({@link StepContext#saveState()}), so after a restart — a crash too — it continues from the samples it took
     * rather than from round 1.
     *
     * <p>A round holds the monitor only to begin and to keep its samples, not while its probes run: {@link #stop}
     * and {@link #getStatus} answer at once during a slow round, and a round that comes back after a stop (or after
     * a newer round began) is dropped.
     *
     * <p>Public, as is everything it keeps: Pipeline writes it with JBoss Marshalling River (see {@link Kept}).
     */
    public static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private final String planJson;
        private long startMs;
        private final List<Kept> samples = new ArrayList<>();
        private volatile int rounds;
        /** Rounds begun; one whose number is no longer the newest when it comes back is dropped. */
        private int roundsStarted;
        private volatile long nextWakeMs;
        private volatile boolean done;
        private transient ScheduledFuture<?> wake;
        private transient volatile boolean probing;

        Execution(VerificationPlan plan, StepContext context) {
            super(context);
            this.planJson = plan.toJson();
        }

        @Override
        public synchronized boolean start() {
            startMs = PluginRuntime.get().clock().millis();
            arm();
            return false;
        }

        @Override
        public synchronized void onResume() {
            if (!done) arm();
        }

        /** Does not wait for a round being probed: that round's outcome is dropped when it comes back. */
        @Override
        public void stop(Throwable cause) {
            synchronized (this) {
                if (done) return;
                done = true;
                if (wake != null) wake.cancel(false);
            }
            getContext().onFailure(cause);
        }

        /** A safe restart waits for a round's probes (bounded by their timeouts) rather than cutting them off. */
        @Override
        public boolean blocksRestart() {
            return probing && !done;
        }

        @Override
        public String getStatus() {
            if (done) return Messages.VerifyHealthStep_Verified();
            return probing ? Messages.VerifyHealthStep_Probing(Integer.toString(rounds + 1))
                    : Messages.VerifyHealthStep_Waiting(Integer.toString(rounds), Instant.ofEpochMilli(nextWakeMs));
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
            Verification v = state(plan).expire(PluginRuntime.get().clock().instant());
            if (v.decision() instanceof Verification.Concluded c) {
                finish(c);
                return;
            }
            Instant at = ((Verification.Continue) v.decision()).nextProbeAt();
            long delay = Math.max(0, Duration.between(PluginRuntime.get().clock().instant(), at).toMillis());
            nextWakeMs = at.toEpochMilli();
            // The scheduler's thread only hands the round on: probes may take up to their timeouts.
            wake = PluginRuntime.get().scheduler().schedule(() -> PluginRuntime.get().blockingWork().execute(this::round), delay,
                    TimeUnit.MILLISECONDS);
        }

        private void round() {
            VerificationPlan plan;
            int round;
            int ticket;
            synchronized (this) {
                if (done) return;
                plan = VerificationPlan.fromJson(planJson);
                round = rounds + 1;
                ticket = ++roundsStarted;
                probing = true;
            }
            List<Kept> taken = new ArrayList<>();
            try {
                PluginRuntime host = PluginRuntime.get();
                Verifier verifier = new Verifier(host.probes(getContext()), host.clock(), at -> { });
                verifier.round(Verifier.effectiveChecks(plan.policy(), plan.checks()), round, s -> {
                    taken.add(Kept.of(s));
                    log(Messages.VerifyHealthStep_Sample(Integer.toString(s.round()), s.check(), s.outcome(), s.reason()));
                });
            } catch (IOException | RuntimeException e) {
                roundFailed(ticket, e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                roundFailed(ticket, e);
                return;
            }
            synchronized (this) {
                if (done || ticket != roundsStarted) {
                    log(done ? Messages.VerifyHealthStep_RoundLateEnded(Integer.toString(round))
                            : Messages.VerifyHealthStep_RoundLateNewer(Integer.toString(round)));
                    return;
                }
                probing = false;
                samples.addAll(taken);
                // Written once this round's monitor is let go; asked before the round counts as taken.
                getContext().saveState();
                rounds = round;
                arm();
            }
        }

        private synchronized void roundFailed(int ticket, Throwable e) {
            if (done || ticket != roundsStarted) return;
            done = true;
            probing = false;
            getContext().onFailure(e);
        }

        private void finish(Verification.Concluded c) {
            done = true;
            log(Messages.VerifyHealthStep_Verdict(c.verdict(), c.reason()));
            getContext().onSuccess(verdict(c, samples));
        }

        /** Samples and the verdict name checks and reasons only: nothing to mask. */
        private void log(String line) {
            StepLog.println(getContext(), SecretMask.none(), line);
        }

        /** Pipeline writes the program on its own thread while rounds run: never a half-kept round. */
        private synchronized void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
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

    /**
     * A sample as the execution keeps it across a restart. Public, with its implicit public canonical constructor and
     * accessors: JBoss Marshalling River, with which Pipeline writes program state, reads a record's components through
     * its accessors, looked up from River's own class, so a record that is not public cannot be written ("symbolic
     * reference class is not accessible … from class org.jboss.marshalling.reflect.JDKSpecific").
     */
    // Its name is in every saved verifyHealth program (River writes class names): renaming it breaks builds in flight.
    public record Kept(String check, String outcome, long takenAtMs, long latencyMs, String reason, String observed, String detail,
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
            return Messages.VerifyHealthStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
