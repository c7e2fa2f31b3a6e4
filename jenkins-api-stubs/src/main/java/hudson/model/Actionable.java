package hudson.model;

/** Stub of {@code hudson.model.Actionable}; present only as a superclass. */
public abstract class Actionable extends AbstractModelObject {
    public void addAction(Action a) {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }
}
