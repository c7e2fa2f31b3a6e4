package io.releaseledger.plugin;

import hudson.model.TaskListener;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.io.PrintStream;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** The lines a step of this plugin writes to its build's log: {@code Release Ledger: } and the text, masked. */
final class StepLog {
    static final String PREFIX = "Release Ledger: ";

    private StepLog() {
    }

    /**
     * Writes one line, masked with {@code mask} (outside a body's log filter a line quoting an error or a reason may
     * carry a secret). Writes nothing when the log is gone (the build is ending): the ledger holds the record.
     */
    static void println(StepContext context, SecretMask mask, String line) {
        try {
            TaskListener listener = context.get(TaskListener.class);
            PrintStream logger = listener == null ? null : listener.getLogger();
            if (logger != null) logger.println(PREFIX + mask.mask(line));
        } catch (IOException | RuntimeException e) {
            // no log: the step's outcome is reported anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
