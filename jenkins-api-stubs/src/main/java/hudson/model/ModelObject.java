package hudson.model;

/** Stub of {@code hudson.model.ModelObject}. */
public interface ModelObject {
}
