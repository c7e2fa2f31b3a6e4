package io.releaseledger.engine;

import io.releaseledger.notify.Notification;
import io.releaseledger.release.ReleaseMode;
import java.time.Instant;

/**
 * Work the machine asks the adapter to do; each ends by feeding an event back (or by nothing to wait for). A host
 * performs effects through a {@link Handler}: one method per kind of effect, so a new effect does not compile until
 * every host handles it.
 */
sealed interface Effect {

    /** Hands this effect to the handler's method for its kind. */
    <R, X extends Exception> R accept(Handler<R, X> handler) throws X;

    /**
     * What a host does for each effect.
     *
     * @param <R> what performing an effect gives the host (for instance, whether to carry on with the next)
     * @param <X> what performing one may throw
     */
    interface Handler<R, X extends Exception> {
        R waitForApprovals(WaitForApprovals effect) throws X;

        R acquireLease(AcquireLease effect) throws X;

        R reacquireLease(ReacquireLease effect) throws X;

        R runDeploy(RunDeploy effect) throws X;

        R startVerification(StartVerification effect) throws X;

        R continueVerification(ContinueVerification effect) throws X;

        R releaseLease(ReleaseLease effect) throws X;

        R notify(Notify effect) throws X;
    }

    /** Wait for approval decisions; report Approved, Rejected or ApprovalTimedOut. */
    record WaitForApprovals() implements Effect {
        @Override
        public <R, X extends Exception> R accept(Handler<R, X> handler) throws X {
            return handler.waitForApprovals(this);
        }
    }

    /** Wait for the environment's deployment lease; report LeaseAcquired. */
    record AcquireLease() implements Effect {
        @Override
        public <R, X extends Exception> R accept(Handler<R, X> handler) throws X {
            return handler.acquireLease(this);
        }
    }

    /** Take back the lease this owner held before a restart; report OwnerLost if someone else has it. */
    record ReacquireLease() implements Effect {
        @Override
        public <R, X extends Exception> R accept(Handler<R, X> handler) throws X {
            return handler.reacquireLease(this);
        }
    }

    /**
     * Run the deploy body in {@code mode} with the artifact of release {@code artifactOf} (the release
     * itself, or the known-good release being rolled back to); report DeploySucceeded or DeployFailed.
     */
    record RunDeploy(ReleaseMode mode, long artifactOf) implements Effect {
        @Override
        public <R, X extends Exception> R accept(Handler<R, X> handler) throws X {
            return handler.runDeploy(this);
        }
    }

    /** Verify health for {@code phase}, replaying the samples already recorded; report HealthSampled. */
    record StartVerification(ReleaseMode phase) implements Effect {
        @Override
        public <R, X extends Exception> R accept(Handler<R, X> handler) throws X {
            return handler.startVerification(this);
        }
    }

    /** Probe the next round at {@code at}; report HealthSampled. */
    record ContinueVerification(Instant at) implements Effect {
        @Override
        public <R, X extends Exception> R accept(Handler<R, X> handler) throws X {
            return handler.continueVerification(this);
        }
    }

    /** Give the environment's lease back (a no-op when not held). */
    record ReleaseLease() implements Effect {
        @Override
        public <R, X extends Exception> R accept(Handler<R, X> handler) throws X {
            return handler.releaseLease(this);
        }
    }

    /** Tell people; delivery failures never affect the release. */
    record Notify(Notification.Kind kind, String message) implements Effect {
        @Override
        public <R, X extends Exception> R accept(Handler<R, X> handler) throws X {
            return handler.notify(this);
        }
    }
}
