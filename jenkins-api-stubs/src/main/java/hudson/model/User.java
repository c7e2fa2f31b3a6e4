package hudson.model;

/** Stub of {@code hudson.model.User}: what the plugin reads of a commit's author. */
public class User extends AbstractModelObject {
    private User() {
        throw new UnsupportedOperationException("stub");
    }

    public String getId() {
        throw new UnsupportedOperationException("stub");
    }

    public String getFullName() {
        throw new UnsupportedOperationException("stub");
    }
}
