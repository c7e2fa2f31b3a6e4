package hudson.model;

import java.io.IOException;

/** Stub of {@code hudson.model.Run}: what the plugin reads of a build. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    protected Run(JobT job) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("stub");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("stub");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("stub");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("stub");
    }
}
