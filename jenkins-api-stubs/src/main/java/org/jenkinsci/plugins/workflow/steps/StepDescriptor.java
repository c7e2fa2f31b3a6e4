package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/** Stub of {@code org.jenkinsci.plugins.workflow.steps.StepDescriptor}. */
public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    /** As in Jenkins, a step takes no block unless its descriptor says so. */
    public boolean takesImplicitBlockArgument() {
        return false;
    }
}
