package io.releaseledger.plugin;

import hudson.EnvVars;
import hudson.model.Run;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.ledger.Actor;
import jenkins.model.Jenkins;

/**
 * Who acts in the ledger for a build, and what an artifact records as its source: the job's full name,
 * the build (its URL when Jenkins knows its own, else {@code job#number}) and the SCM revision when the
 * build's environment has one.
 *
 * @param job      the job's full name, e.g. {@code team-a/payments}
 * @param buildId  {@code team-a/payments#42}: stable, and meaningful without a root URL
 * @param buildUrl the build's absolute URL, or {@code null} when Jenkins' root URL is not configured
 * @param revision the commit the build checked out, or {@code null}
 */
record BuildOrigin(String job, String buildId, String buildUrl, String revision) {
    /** Where the Git plugin, and declarative checkouts, put the commit being built. */
    static final String REVISION_VARIABLE = "GIT_COMMIT";

    static BuildOrigin of(Run<?, ?> run, EnvVars environment) {
        return of(run.getParent().getFullName(), run.getNumber(), Jenkins.get().getRootUrl(), run.getUrl(), environment);
    }

    static BuildOrigin of(String jobFullName, int number, String rootUrl, String runUrl, EnvVars environment) {
        String url = rootUrl == null || rootUrl.isBlank() ? null : (rootUrl.endsWith("/") ? rootUrl : rootUrl + "/") + runUrl;
        String revision = environment == null ? null : Validation.trimToNull(environment.get(REVISION_VARIABLE));
        return new BuildOrigin(jobFullName, jobFullName + "#" + number, url, revision);
    }

    ArtifactSource source() {
        return new ArtifactSource(job, buildUrl != null ? buildUrl : buildId, revision);
    }

    /** The build acts; its URL (or id) says where from. */
    Actor actor() {
        return new Actor(buildId, buildUrl != null ? buildUrl : buildId);
    }
}
