package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

/**
 * Stub of {@code jenkins.MasterToSlaveFileCallable}: a callable sent from the controller to run on an agent.
 * Plain here, so a unit test can call {@code invoke} directly.
 */
public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {
    private static final long serialVersionUID = 1L;
}
