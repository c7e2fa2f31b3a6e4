package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.StepExecution}. {@code stop}, {@code onResume} and
 * {@code getStatus} do what the real defaults do, so an execution that keeps them behaves alike here.
 */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Serialized with the execution, as in Jenkins (where it is injected): a resumed execution has its context. */
    private final StepContext context;

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {
    }

    public String getStatus() {
        return null;
    }

    public boolean blocksRestart() {
        return false;
    }
}
