package hudson.security;

import hudson.model.ModelObject;

/** Stub of {@code hudson.security.PermissionScope}. */
public final class PermissionScope {
    public static final PermissionScope JENKINS = new PermissionScope(ModelObject.class);

    public final Class<? extends ModelObject> modelClass;

    public PermissionScope(Class<? extends ModelObject> modelClass, PermissionScope... containers) {
        this.modelClass = modelClass;
    }
}
