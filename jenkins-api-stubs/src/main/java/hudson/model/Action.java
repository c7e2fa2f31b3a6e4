package hudson.model;

/** Stub of {@code hudson.model.Action}. */
public interface Action extends ModelObject {
    String getIconFileName();

    String getDisplayName();

    String getUrlName();
}
