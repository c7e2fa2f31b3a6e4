package io.releaseledger.plugin;

import hudson.model.Action;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.security.Permission;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.ledger.Ledger;
import java.util.Set;
import java.util.TreeSet;
import jenkins.model.IdStrategy;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Everything the Releases pages and their actions ask of Jenkins, in one place: the current user and their
 * permissions, the security realm's id strategies, the ledger and configuration, and scheduling a build. The
 * web methods are a thin mapping over it, so their decisions are unit-tested with a fake.
 */
interface JenkinsSide {
    /** @throws AccessDeniedException when the current user lacks it (Jenkins answers 403, or asks anonymous to log in) */
    void checkPermission(Permission permission);

    boolean hasPermission(Permission permission);

    /** The current user's id, as the security realm spells it. */
    String userId();

    /** The current user's groups, as the security realm reports them (its authorities). */
    Set<String> groups();

    IdStrategy userIdStrategy();

    IdStrategy groupIdStrategy();

    /** Where people act from, for the ledger: Jenkins' root URL, or {@code jenkins} when it is not configured. */
    String origin();

    Ledger ledger();

    EnvironmentConfig environments();

    /**
     * Schedules a build of {@code jobFullName} carrying {@code action}, after checking Item/Build on it.
     *
     * @return {@code false} when there is no such job the user can see, or it cannot be built (disabled, not buildable)
     * @throws AccessDeniedException without Item/Build on the job
     */
    boolean scheduleBuild(String jobFullName, RollbackRequestAction action);

    /** The running Jenkins. */
    JenkinsSide LIVE = new JenkinsSide() {
        @Override
        public void checkPermission(Permission permission) {
            Jenkins.get().checkPermission(permission);
        }

        @Override
        public boolean hasPermission(Permission permission) {
            return Jenkins.get().hasPermission(permission);
        }

        @Override
        public String userId() {
            return Jenkins.getAuthentication2().getName();
        }

        @Override
        public Set<String> groups() {
            return groupsOf(Jenkins.getAuthentication2());
        }

        @Override
        public IdStrategy userIdStrategy() {
            return Jenkins.get().getSecurityRealm().getUserIdStrategy();
        }

        @Override
        public IdStrategy groupIdStrategy() {
            return Jenkins.get().getSecurityRealm().getGroupIdStrategy();
        }

        @Override
        public String origin() {
            String root = Jenkins.get().getRootUrl();
            return root == null || root.isBlank() ? "jenkins" : root;
        }

        @Override
        public Ledger ledger() {
            return PluginLedger.get();
        }

        @Override
        public EnvironmentConfig environments() {
            return ReleaseLedgerConfiguration.get().toEnvironmentConfig();
        }

        @Override
        public boolean scheduleBuild(String jobFullName, RollbackRequestAction action) {
            // getItemByFullName returns null for a job the user may not see (no Item/Read), as for a missing one.
            Job<?, ?> job = Jenkins.get().getItemByFullName(jobFullName, Job.class);
            if (job == null) return false;
            job.checkPermission(Item.BUILD);
            return ParameterizedJobMixIn.scheduleBuild2(job, 0, buildActions(action)) != null;
        }
    };

    /**
     * What a build scheduled for a rollback carries: the request its {@code deployRelease} follows, and the cause
     * Jenkins shows on the build's page and in its log (who asked for which rollback).
     */
    static Action[] buildActions(RollbackRequestAction request) {
        return new Action[] {new CauseAction(new RollbackCause(request)), request};
    }

    /**
     * The groups in an authentication's authorities. Jenkins adds the pseudo-authority {@code authenticated}
     * to every logged-in user; it is no group anyone configured, so it is left out.
     */
    static Set<String> groupsOf(Authentication authentication) {
        Set<String> groups = new TreeSet<>();
        if (authentication == null) return groups;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && !name.isBlank() && !name.equals("authenticated")) groups.add(name);
        }
        return groups;
    }
}
