package jenkins.model;

import hudson.model.TaskListener;
import java.io.Serializable;

/**
 * Stub of {@code jenkins.model.CauseOfInterruption}: why a build was interrupted, kept with the build (Java
 * serialization and XStream) and printed to its log as Jenkins does, one line of {@link #getShortDescription()}.
 */
public abstract class CauseOfInterruption implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract String getShortDescription();

    public void print(TaskListener listener) {
        listener.getLogger().println(getShortDescription());
    }
}
