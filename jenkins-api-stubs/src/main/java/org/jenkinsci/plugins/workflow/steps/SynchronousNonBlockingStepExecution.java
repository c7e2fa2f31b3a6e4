package org.jenkinsci.plugins.workflow.steps;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution}: in Jenkins,
 * {@code start} runs {@link #run} on a pool thread and completes the context with its result.
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("stub");
    }
}
