package org.jenkinsci.plugins.workflow.steps;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.BodyInvoker}: starts a step's block with extra
 * contexts and a callback. Abstract as in Jenkins, so a unit test's fake context can supply one;
 * {@code withContexts} adds each context through {@code withContext}, as the real one does.
 */
public abstract class BodyInvoker {
    public abstract BodyInvoker withContext(Object override);

    public BodyInvoker withContexts(Object... overrides) {
        for (Object o : overrides) {
            withContext(o);
        }
        return this;
    }

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyInvoker withDisplayName(String name);

    public abstract BodyExecution start();
}
