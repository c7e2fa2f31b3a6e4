package org.jenkinsci.plugins.workflow.flow;

/** Stub of {@code org.jenkinsci.plugins.workflow.flow.FlowExecution}: named only by {@code FlowNode}'s constructors. */
public abstract class FlowExecution {
}
