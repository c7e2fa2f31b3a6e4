package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/** Stub of {@code org.jenkinsci.plugins.workflow.actions.PersistentAction}: an action saved with its flow node. */
public interface PersistentAction extends Action {
}
