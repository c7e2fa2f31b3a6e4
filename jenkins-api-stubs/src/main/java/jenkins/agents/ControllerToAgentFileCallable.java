package jenkins.agents;

import hudson.FilePath;

/** Stub of {@code jenkins.agents.ControllerToAgentFileCallable}. */
public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {
}
