package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/** Stub of {@code org.jenkinsci.plugins.workflow.steps.Step}: a step's configuration, which starts its execution. */
@SuppressWarnings("deprecation")
public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
