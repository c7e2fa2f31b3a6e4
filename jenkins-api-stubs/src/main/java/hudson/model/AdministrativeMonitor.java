package hudson.model;

import hudson.ExtensionPoint;

/** Stub of {@code hudson.model.AdministrativeMonitor}: a warning shown to administrators while it is activated. */
public abstract class AdministrativeMonitor extends AbstractModelObject implements ExtensionPoint {
    protected AdministrativeMonitor(String id) {
    }

    protected AdministrativeMonitor() {
    }

    public abstract boolean isActivated();

    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }
}
