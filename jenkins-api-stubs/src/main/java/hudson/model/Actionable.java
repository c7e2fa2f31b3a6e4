package hudson.model;

/** Stub of {@code hudson.model.Actionable}; present only as a superclass. */
public abstract class Actionable extends AbstractModelObject {
}
