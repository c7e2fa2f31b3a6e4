package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Stub of {@code org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback}: told when a block ends. */
public abstract class BodyExecutionCallback implements Serializable {
    private static final long serialVersionUID = 1L;

    public void onStart(StepContext context) {
    }

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);
}
