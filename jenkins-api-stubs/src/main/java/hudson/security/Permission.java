package hudson.security;

import org.jvnet.localizer.Localizable;

/**
 * Stub of {@code hudson.security.Permission}, with the real one's simple behaviour: the id is the owner
 * class's name, a dot and the permission's name, and the permission joins its group.
 */
public final class Permission {
    public final Class owner;
    public final PermissionGroup group;
    public final String name;
    public final Localizable description;
    public final Permission impliedBy;
    public boolean enabled;
    private final String id;

    public Permission(PermissionGroup group, String name, Localizable description, Permission impliedBy,
            PermissionScope scope) {
        this.owner = group.owner;
        this.group = group;
        this.name = name;
        this.description = description;
        this.impliedBy = impliedBy;
        this.enabled = true;
        this.id = owner.getName() + '.' + name;
        group.add(this);
    }

    public String getId() {
        return id;
    }

    @Override
    public String toString() {
        return "Permission[" + owner + "," + name + "]";
    }
}
