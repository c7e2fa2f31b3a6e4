package jenkins.agents;

import hudson.remoting.Callable;

/** Stub of {@code jenkins.agents.ControllerToAgentCallable}. */
public interface ControllerToAgentCallable<V, T extends Throwable> extends Callable<V, T> {
}
