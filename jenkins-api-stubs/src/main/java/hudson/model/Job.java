package hudson.model;

/** Stub of {@code hudson.model.Job}. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }

    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException("stub");
    }
}
