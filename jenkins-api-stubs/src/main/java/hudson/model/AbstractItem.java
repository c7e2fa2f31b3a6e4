package hudson.model;

/** Stub of {@code hudson.model.AbstractItem}. */
public abstract class AbstractItem extends Actionable implements Item, hudson.security.AccessControlled {
    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public hudson.security.ACL getACL() {
        throw new UnsupportedOperationException("stub");
    }

    public final String getFullName() {
        throw new UnsupportedOperationException("stub");
    }
}
