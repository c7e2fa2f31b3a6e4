package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.Permission;

/** Stub of {@code hudson.model.ManagementLink}: an entry on Manage Jenkins, served below {@code /manage/}. */
public abstract class ManagementLink implements ExtensionPoint, Action {
    @Override
    public abstract String getIconFileName();

    @Override
    public abstract String getUrlName();

    public String getDescription() {
        throw new UnsupportedOperationException("stub");
    }

    public Permission getRequiredPermission() {
        throw new UnsupportedOperationException("stub");
    }

    public Category getCategory() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of {@code hudson.model.ManagementLink.Category}: the sections of Manage Jenkins. */
    public enum Category {
        CONFIGURATION,
        SECURITY,
        STATUS,
        TROUBLESHOOTING,
        TOOLS,
        MISC,
        UNCATEGORIZED
    }
}
