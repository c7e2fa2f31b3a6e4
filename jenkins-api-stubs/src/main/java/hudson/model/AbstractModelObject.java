package hudson.model;

/** Stub of {@code hudson.model.AbstractModelObject}; present only as a superclass. */
public abstract class AbstractModelObject {
}
