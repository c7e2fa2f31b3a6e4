package hudson.model;

import java.io.PrintStream;

/** Stub of {@code hudson.model.TaskListener}: the build log. */
public interface TaskListener {
    PrintStream getLogger();
}
