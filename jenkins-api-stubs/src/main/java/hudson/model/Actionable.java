package hudson.model;

import java.util.List;

/** Stub of {@code hudson.model.Actionable}: {@link #addAction} adds to {@link #getActions()}, as in Jenkins. */
public abstract class Actionable extends AbstractModelObject {
    /** @deprecated as in Jenkins: read with {@link #getAction(Class)}; overridden where actions live elsewhere */
    @Deprecated
    public List<Action> getActions() {
        throw new UnsupportedOperationException("stub");
    }

    public void addAction(Action a) {
        if (a == null) throw new IllegalArgumentException("Action must be non-null");
        getActions().add(a);
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }
}
