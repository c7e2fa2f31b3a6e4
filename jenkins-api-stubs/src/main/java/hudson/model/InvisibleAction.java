package hudson.model;

/** Stub of {@code hudson.model.InvisibleAction}: an action with no link and no page. */
public abstract class InvisibleAction implements Action {
    @Override
    public final String getIconFileName() {
        return null;
    }

    @Override
    public final String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
