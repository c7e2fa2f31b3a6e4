package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.approval.ApprovalClosedException;
import io.releaseledger.approval.NotAnApproverException;
import io.releaseledger.artifact.ArtifactAlreadyRegisteredException;
import io.releaseledger.environment.PolicyWeakenedException;
import io.releaseledger.ledger.LedgerUnavailableException;
import io.releaseledger.promotion.PromotionRefusedException;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.secrets.SecretTooShortException;

/**
 * The documented exit codes of {@code release-ledger} (docs/cli.md). Scripts branch on them, so they
 * never change meaning.
 */
public final class ExitCode {
    private ExitCode() {}

    /** Done, and every expectation held (a deploy went LIVE, the chain is intact…). */
    public static final int OK = 0;
    /** Anything not covered below; with {@code --debug} the stack trace says what. */
    public static final int FAILED = 1;
    /** Bad input: an option, argument, reference or the YAML file. Nothing was changed. */
    public static final int BAD_INPUT = 2;
    /** Refused by policy: promotion rules, approvers, a weakened policy, a rejected or timed-out approval. */
    public static final int REFUSED = 3;
    /** The release was unhealthy or its deploy failed; it was rolled back (or had nothing to go back to). */
    public static final int UNHEALTHY = 4;
    /** The rollback itself failed: the environment is degraded. */
    public static final int ROLLBACK_FAILED = 5;
    /** The ledger could not be reached or written. Nothing proceeds unrecorded. */
    public static final int LEDGER_UNAVAILABLE = 6;

    /** The exit code for an exception that ended a command. */
    public static int of(Throwable e) {
        // PolicyWeakenedException is an InvalidInputException, but it is a policy refusal: test it first.
        if (e instanceof PolicyWeakenedException || e instanceof PromotionRefusedException
                || e instanceof NotAnApproverException || e instanceof ApprovalClosedException) {
            return REFUSED;
        }
        if (e instanceof InvalidInputException || e instanceof ArtifactAlreadyRegisteredException
                || e instanceof SecretTooShortException || e instanceof picocli.CommandLine.ParameterException) {
            return BAD_INPUT;
        }
        if (e instanceof LedgerUnavailableException) {
            return LEDGER_UNAVAILABLE;
        }
        return FAILED;
    }

    /**
     * The exit code for how a release settled. A manual rollback that fails ends DEPLOY_FAILED or
     * UNHEALTHY in the ledger, but to the person who asked for it the rollback failed: 5.
     */
    public static int of(Release release) {
        ReleaseState s = release.state();
        boolean manualRollback = release.mode() == ReleaseMode.ROLLBACK;
        return switch (s) {
            case LIVE, SUPERSEDED -> OK;
            case REJECTED, APPROVAL_TIMED_OUT -> REFUSED;
            case DEPLOY_FAILED, UNHEALTHY -> manualRollback ? ROLLBACK_FAILED : UNHEALTHY;
            case ROLLED_BACK -> UNHEALTHY;
            case ROLLBACK_FAILED -> ROLLBACK_FAILED;
            case REQUESTED, AWAITING_APPROVAL, APPROVED, DEPLOYING, VERIFYING, ROLLING_BACK, ABORTED, INTERRUPTED ->
                    FAILED;
        };
    }
}
