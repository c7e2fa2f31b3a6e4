package hudson.model;

import hudson.ExtensionPoint;

/** Stub of {@code hudson.model.RootAction}: an action at the top of Jenkins' URL space. */
public interface RootAction extends Action, ExtensionPoint {
}
