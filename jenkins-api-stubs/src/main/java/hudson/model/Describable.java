package hudson.model;

/** Stub of {@code hudson.model.Describable}; since 2.x its {@code getDescriptor} is a default method. */
public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
