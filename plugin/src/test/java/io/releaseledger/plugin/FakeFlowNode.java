package io.releaseledger.plugin;

import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * A step's node in the flow graph, as {@code StepContext.get(FlowNode.class)} gives it: its actions as workflow-api
 * keeps them (every change saves the node). Where Pipeline saves them to the build's flow node storage, this counts
 * the saves, so a test sees that an action changed in place (a pause ended) was saved too.
 */
final class FakeFlowNode extends FlowNode {
    final AtomicInteger saves = new AtomicInteger();

    FakeFlowNode(String id) {
        super(null, id);
    }

    @Override
    protected String getTypeDisplayName() {
        return "approvalGate";
    }

    @Override
    public void save() {
        saves.incrementAndGet();
    }
}
