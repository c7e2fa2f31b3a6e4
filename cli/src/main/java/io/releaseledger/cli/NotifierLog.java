package io.releaseledger.cli;

import io.releaseledger.notify.Notifier;
import io.releaseledger.secrets.SecretMask;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Shows what the notifiers log (a retry, an undelivered notification) as narration lines while a release
 * runs, masked: one line each, kept clear of the wait line, instead of java.util.logging's two-line
 * records on standard error. Restores the logger when closed.
 */
final class NotifierLog extends Handler implements AutoCloseable {
    // Held strongly: java.util.logging forgets a configured logger nobody references.
    private final Logger logger = Logger.getLogger(Notifier.class.getPackageName());
    private final Output output;
    private final SecretMask mask;
    private final boolean useParentHandlers;

    private NotifierLog(Output output, SecretMask mask) {
        this.output = output;
        this.mask = mask;
        this.useParentHandlers = logger.getUseParentHandlers();
        setLevel(Level.INFO);
    }

    /** Routes the notifiers' log to {@code output} until closed. */
    static NotifierLog to(Output output, SecretMask mask) {
        NotifierLog log = new NotifierLog(output, mask);
        log.logger.addHandler(log);
        log.logger.setUseParentHandlers(false);
        return log;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = record.getMessage();
        if (record.getThrown() != null) {
            message += " (" + record.getThrown() + ")";
        }
        String prefix = record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " : "";
        output.info(mask.mask(Render.oneLine(prefix + message)));
    }

    @Override
    public void flush() {
        // every line is written as it comes
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(useParentHandlers);
    }
}
