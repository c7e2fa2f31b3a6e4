package hudson.model;

/** Stub of {@code hudson.model.AbstractItem}. */
public abstract class AbstractItem extends Actionable {
    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("stub");
    }

    public final String getFullName() {
        throw new UnsupportedOperationException("stub");
    }
}
