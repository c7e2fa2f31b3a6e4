package hudson.model;

/** Stub of {@code hudson.model.Node}; present only as a superclass of {@code Jenkins}. */
public abstract class Node extends AbstractModelObject {
}
