package io.releaseledger.plugin;

import io.releaseledger.engine.RunListener;
import io.releaseledger.health.HealthSample;
import io.releaseledger.notify.Notification;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a {@code deployRelease} or {@code rollbackRelease} build shows of core's run: each move, wait, round and sample
 * as a line of the build log, in the plugin's localized texts, and what the step waits for as its status
 * ({@code StepExecution.getStatus}). Never persisted: the execution makes one with each run.
 */
final class BuildLogNarrator implements RunListener {
    private final Consumer<String> log;
    private final Consumer<String> status;
    private final Supplier<String> environment;

    /**
     * @param log         writes a line to the build log, masked
     * @param status      sets the step's status
     * @param environment the step's environment, for the lease's lines
     */
    BuildLogNarrator(Consumer<String> log, Consumer<String> status, Supplier<String> environment) {
        this.log = log;
        this.status = status;
        this.environment = environment;
    }

    @Override
    public void moved(Release moved) {
        log.accept(Messages.ReleaseStepExecution_Moved(Long.toString(moved.id()), moved.state(), moved.reason()));
    }

    @Override
    public void resuming(Release release) {
        log.accept(Messages.ReleaseStepExecution_Resuming(Long.toString(release.id()), release.state()));
    }

    @Override
    public void waiting(Release release, String line) {
        status.accept(line);
        log.accept(line);
    }

    @Override
    public void waitingForBody(ReleaseMode mode) {
        status.accept(Messages.ReleaseStepExecution_WaitingForBody(mode.environmentValue()));
    }

    @Override
    public void verificationScheduled(ReleaseMode phase, int round, Instant at) {
        status.accept(Messages.ReleaseStepExecution_RoundScheduled(phase.environmentValue(), Integer.toString(round), at));
    }

    @Override
    public void probing(int round) {
        status.accept(Messages.ReleaseStepExecution_Probing(Integer.toString(round)));
    }

    @Override
    public void sampled(HealthSample sample) {
        log.accept(Messages.ReleaseStepExecution_Sample(Integer.toString(sample.round()), sample.check(), sample.outcome(), sample.reason()));
    }

    @Override
    public void roundTaken(int taken, Instant nextAt) {
        status.accept(Messages.ReleaseStepExecution_RoundTaken(Integer.toString(taken), nextAt));
    }

    @Override
    public void roundDropped(int round, boolean runEnded) {
        log.accept(runEnded ? Messages.ReleaseStepExecution_RoundLateEnded(Integer.toString(round))
                : Messages.ReleaseStepExecution_RoundLateNewer(Integer.toString(round)));
    }

    @Override
    public void bodyInterrupted(Throwable cause) {
        log.accept(Messages.ReleaseStepExecution_BodyInterrupted(cause));
    }

    @Override
    public void bodyFailed(String failure) {
        log.accept(Messages.ReleaseStepExecution_BodyFailed(failure));
    }

    @Override
    public void notifying(Notification notification) {
        log.accept(Messages.ReleaseStepExecution_Notifying(notification.kind().event(), notification.message()));
    }

    @Override
    public void leaseLost(RuntimeException cause) {
        log.accept(Messages.ReleaseStepExecution_LeaseLost(environment.get(), cause.getMessage()));
    }

    @Override
    public void leaseNotReturned(RuntimeException cause) {
        log.accept(Messages.ReleaseStepExecution_LeaseNotReturned(environment.get(), cause.getMessage()));
    }

    @Override
    public void abortNotRecorded(RuntimeException cause) {
        log.accept(Messages.ReleaseStepExecution_AbortNotRecorded(cause.getMessage()));
    }
}
