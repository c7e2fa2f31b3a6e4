package org.jenkinsci.plugins.workflow.support.actions;

import hudson.model.Action;
import hudson.model.InvisibleAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.PersistentAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.support.actions.PauseAction}, with its behaviour: marks a flow node
 * as pausing the build (Stage View and Pipeline Graph View show such a node as waiting) from its start time until an
 * end time is set. A node may carry several; the last is the current one.
 */
public class PauseAction extends InvisibleAction implements PersistentAction {
    private String cause;
    private long startTime = System.currentTimeMillis();
    private long endTime;

    public PauseAction(String cause) {
        this.cause = cause;
    }

    public String getCause() {
        return cause;
    }

    public void setCause(String cause) {
        this.cause = cause;
    }

    public long getStartTime() {
        return startTime;
    }

    public void setStartTime(long startTime) {
        this.startTime = startTime;
    }

    public long getEndTime() {
        return endTime;
    }

    public void setEndTime(long endTime) {
        this.endTime = endTime;
    }

    /** Paused until an end time is set. */
    public boolean isPaused() {
        return endTime == 0L;
    }

    public static PauseAction getCurrentPause(FlowNode node) {
        List<PauseAction> pauses = getPauseActions(node);
        return pauses.isEmpty() ? null : pauses.get(pauses.size() - 1);
    }

    /** Ends the node's current pause, if any, and saves the node. */
    public static void endCurrentPause(FlowNode node) throws IOException {
        PauseAction current = getCurrentPause(node);
        if (current != null) {
            current.setEndTime(System.currentTimeMillis());
            node.save();
        }
    }

    public static boolean isPaused(FlowNode node) {
        PauseAction current = getCurrentPause(node);
        return current != null && current.isPaused();
    }

    @SuppressWarnings("deprecation")
    public static List<PauseAction> getPauseActions(FlowNode node) {
        List<PauseAction> pauses = new ArrayList<>();
        for (Action a : node.getActions()) {
            if (a instanceof PauseAction p) pauses.add(p);
        }
        return pauses;
    }
}
