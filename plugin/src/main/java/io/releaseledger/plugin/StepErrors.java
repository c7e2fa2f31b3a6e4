package io.releaseledger.plugin;

import hudson.AbortException;
import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.PolicyWeakenedException;
import io.releaseledger.ledger.LedgerUnavailableException;
import io.releaseledger.promotion.PromotionRefusedException;
import io.releaseledger.secrets.SecretMask;
import io.releaseledger.secrets.SecretTooShortException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

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

    /**
     * {@code failure} as the build may show it: unchanged when no text of it (message, causes, suppressed) holds a bound
     * secret in any form {@code mask} knows; else the same with every such text masked, as credentials-binding's
     * {@code MaskedException} does for {@code withCredentials}. An {@link AbortException} stays one (a one-line error);
     * anything else becomes a {@link MaskedException} naming the original class, with its stack trace.
     */
    static Throwable masked(Throwable failure, SecretMask mask) {
        return mask.isEmpty() ? failure : masked(failure, mask, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Throwable masked(Throwable failure, SecretMask mask, Set<Throwable> seen) {
        if (!seen.add(failure)) return new MaskedException("(a cycle of causes)");
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        if (mask.mask(text.toString()).equals(text.toString())) return failure;
        String message = failure.getMessage() == null ? null : mask.mask(failure.getMessage());
        Throwable masked = failure instanceof AbortException ? new AbortException(message)
                : new MaskedException(failure.getClass().getName() + (message == null ? "" : ": " + message));
        masked.setStackTrace(failure.getStackTrace());
        if (failure.getCause() != null && failure.getCause() != failure) masked.initCause(masked(failure.getCause(), mask, seen));
        for (Throwable suppressed : failure.getSuppressed()) masked.addSuppressed(masked(suppressed, mask, seen));
        return masked;
    }

    /** An error whose text held a bound secret, shown masked: its message names the class of the original. */
    static final class MaskedException extends Exception {
        private static final long serialVersionUID = 1L;

        MaskedException(String message) {
            super(message);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
