package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

/** Stub of {@code jenkins.util.Timer}: Jenkins' shared scheduler for short tasks. */
public class Timer {
    private Timer() {
        throw new UnsupportedOperationException("stub");
    }

    public static ScheduledExecutorService get() {
        throw new UnsupportedOperationException("stub");
    }
}
