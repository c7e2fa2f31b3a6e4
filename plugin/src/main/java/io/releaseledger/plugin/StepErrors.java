package io.releaseledger.plugin;

import hudson.AbortException;
import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.PolicyWeakenedException;
import io.releaseledger.ledger.LedgerUnavailableException;
import io.releaseledger.promotion.PromotionRefusedException;
import io.releaseledger.secrets.SecretTooShortException;

/**
 * Errors a pipeline author can fix become one {@link AbortException} line, prefixed with the step's name, so
 * the build log shows the message and not a stack trace. Anything else (a bug) is left as it is.
 */
final class StepErrors {
    private StepErrors() {}

    /** The one-line {@link AbortException} for a fixable error, or {@code null} when {@code e} is not one. */
    static AbortException fixable(String step, Throwable e) {
        if (e instanceof AbortException abort) {
            return abort;
        }
        if (e instanceof PolicyWeakenedException) {
            return new AbortException(Messages.StepErrors_PolicyWeakened(step, oneLine(e.getMessage())));
        }
        if (e instanceof PromotionRefusedException refused) {
            return new AbortException(Messages.StepErrors_Refused(step, refused.environment(), oneLine(e.getMessage())));
        }
        if (e instanceof LedgerUnavailableException) {
            return new AbortException(step + ": " + oneLine(e.getMessage()));
        }
        if (e instanceof InvalidInputException || e instanceof SecretTooShortException) {
            return new AbortException(step + ": " + oneLine(e.getMessage()));
        }
        return null;
    }

    /** {@link #fixable} or, for anything else, {@code e} itself. */
    static Throwable map(String step, Throwable e) {
        AbortException fixable = fixable(step, e);
        return fixable != null ? fixable : e;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
