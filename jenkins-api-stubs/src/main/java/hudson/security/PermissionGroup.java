package hudson.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jvnet.localizer.Localizable;

/**
 * Stub of {@code hudson.security.PermissionGroup}, with the real one's simple behaviour (an id derived
 * from the English title, an owner class, the permissions added to it, listed in order of their ids) so
 * unit tests can read the plugin's permission constants; every group registers itself when it is created, as the
 * real one does, and {@link #getAll()} lists the registered groups (what matrix-auth's Configuration as Code support
 * searches for {@code Title/Permission}).
 */
public final class PermissionGroup implements Iterable<Permission> {
    public final Class owner;
    public final Localizable title;
    private final String id;
    private final SortedSet<Permission> permissions = new TreeSet<>(Comparator.comparing(Permission::getId));
    private static final List<PermissionGroup> ALL = new ArrayList<>();

    public PermissionGroup(Class owner, Localizable title) throws IllegalStateException {
        this(title.toString(Locale.ENGLISH), owner, title);
    }

    public PermissionGroup(String id, Class owner, Localizable title) throws IllegalStateException {
        this.id = id;
        this.owner = owner;
        this.title = title;
        register(this);
    }

    private static synchronized void register(PermissionGroup group) {
        for (PermissionGroup registered : ALL) {
            if (registered.id.equals(group.id)) {
                throw new IllegalStateException("Duplicate permission group ID: " + group.id);
            }
        }
        ALL.add(group);
    }

    /** Every group registered so far, that is, whose owner class has been initialized. */
    public static synchronized List<PermissionGroup> getAll() {
        return new ArrayList<>(ALL);
    }

    public String getId() {
        return id;
    }

    public List<Permission> getPermissions() {
        return List.copyOf(permissions);
    }

    @Override
    public Iterator<Permission> iterator() {
        return getPermissions().iterator();
    }

    void add(Permission permission) {
        permissions.add(permission);
    }
}
