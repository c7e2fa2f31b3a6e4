package io.releaseledger.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures what {@link WebhookNotifier} logs. {@code System.Logger} goes to java.util.logging when no other
 * backend is installed, as in these tests.
 */
final class LogRecorder extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger(WebhookNotifier.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level previousLevel = logger.getLevel();

    LogRecorder() {
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Every message and the text of every attached exception, one per line. */
    String text() {
        return records.stream()
                .map(r -> r.getLevel() + " " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()))
                .collect(Collectors.joining("\n"));
    }

    List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
