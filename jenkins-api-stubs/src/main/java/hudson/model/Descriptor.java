package hudson.model;

/** Stub of {@code hudson.model.Descriptor}. */
public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
    }

    protected Descriptor(Class<? extends T> clazz) {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public void load() {
        throw new UnsupportedOperationException("stub");
    }

    public void save() {
        throw new UnsupportedOperationException("stub");
    }
}
