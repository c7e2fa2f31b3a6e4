package jenkins.security;

import jenkins.agents.ControllerToAgentCallable;

/**
 * Stub of {@code jenkins.security.MasterToSlaveCallable}: work the controller sends to an agent. Plain here,
 * so a unit test can call {@code call} directly.
 */
public abstract class MasterToSlaveCallable<V, T extends Throwable> implements ControllerToAgentCallable<V, T> {
    private static final long serialVersionUID = 1L;
}
