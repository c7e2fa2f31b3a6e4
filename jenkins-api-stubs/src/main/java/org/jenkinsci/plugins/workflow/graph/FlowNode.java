package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Action;
import hudson.model.Actionable;
import hudson.model.Saveable;
import java.io.IOException;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.graph.FlowNode}: one node of a build's flow graph (a step's node is
 * what {@code StepContext.get(FlowNode.class)} gives). As in workflow-api its actions live in a list of its own, and
 * every change to {@link #getActions()} saves the node ({@link #save()}, which the real one hands to the flow
 * execution's storage).
 */
public abstract class FlowNode extends Actionable implements Saveable {
    private final String id;
    private final CopyOnWriteArrayList<Action> actions = new CopyOnWriteArrayList<>();

    protected FlowNode(FlowExecution exec, String id, List<FlowNode> parents) {
        this.id = id;
    }

    protected FlowNode(FlowExecution exec, String id, FlowNode... parents) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    protected abstract String getTypeDisplayName();

    @Override
    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) return type.cast(a);
        }
        return null;
    }

    @Override
    @SuppressWarnings("deprecation")
    public List<Action> getActions() {
        return new AbstractList<>() {
            @Override
            public Action get(int index) {
                return actions.get(index);
            }

            @Override
            public void add(int index, Action element) {
                actions.add(index, element);
                saveQuietly();
            }

            @Override
            public Iterator<Action> iterator() {
                return actions.iterator();
            }

            @Override
            public Action remove(int index) {
                Action old = actions.remove(index);
                saveQuietly();
                return old;
            }

            @Override
            public Action set(int index, Action element) {
                Action old = actions.set(index, element);
                saveQuietly();
                return old;
            }

            @Override
            public int size() {
                return actions.size();
            }
        };
    }

    /** Saves the node's actions; the stub has no flow execution to save them to. */
    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    private void saveQuietly() {
        try {
            save();
        } catch (IOException e) {
            // As workflow-api: logged there ("failed to save actions for FlowNode"), the change stays in memory.
        }
    }

    @Override
    public String toString() {
        return getClass().getName() + "[id=" + id + "]";
    }
}
