package jenkins.model;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Queue;

/** Stub of {@code jenkins.model.ParameterizedJobMixIn}: scheduling a build of any buildable job with actions. */
public abstract class ParameterizedJobMixIn<JobT extends Job<JobT, RunT>, RunT extends hudson.model.Run<JobT, RunT>> {
    private ParameterizedJobMixIn() {
        throw new UnsupportedOperationException("stub");
    }

    public static Queue.Item scheduleBuild2(Job<?, ?> job, int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("stub");
    }
}
