package hudson.model;

/** Stub of {@code hudson.model.AbstractDescribableImpl} (deprecated in Jenkins; kept because {@code Step} extends it). */
@Deprecated
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
}
