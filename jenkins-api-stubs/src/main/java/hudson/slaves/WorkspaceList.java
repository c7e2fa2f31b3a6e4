package hudson.slaves;

import hudson.FilePath;

/** Stub of {@code hudson.slaves.WorkspaceList}: only the temporary folder beside a workspace. */
public final class WorkspaceList {
    private WorkspaceList() {
        throw new UnsupportedOperationException("stub");
    }

    public static FilePath tempDir(FilePath ws) {
        throw new UnsupportedOperationException("stub");
    }
}
