package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Result;
import java.util.Arrays;
import java.util.List;
import jenkins.model.CauseOfInterruption;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.FlowInterruptedException}: a step's failure that ends the build
 * with {@link #getResult()} (typically {@code ABORTED}) and the given causes, as the real one holds them.
 */
public final class FlowInterruptedException extends InterruptedException {
    private static final long serialVersionUID = 630482382622970136L;

    private final Result result;
    private final List<CauseOfInterruption> causes;
    private Boolean actualInterruption;

    /** @deprecated as in workflow-step-api: say whether it is an actual interruption */
    @Deprecated
    public FlowInterruptedException(Result result, CauseOfInterruption... causes) {
        this(result, true, causes);
    }

    public FlowInterruptedException(Result result, boolean actualInterruption, CauseOfInterruption... causes) {
        this.result = result;
        this.causes = Arrays.asList(causes);
        this.actualInterruption = actualInterruption;
    }

    public Result getResult() {
        return result;
    }

    public List<CauseOfInterruption> getCauses() {
        return causes;
    }

    public boolean isActualInterruption() {
        return actualInterruption;
    }

    public void setActualInterruption(boolean actualInterruption) {
        this.actualInterruption = actualInterruption;
    }
}
