package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.Descriptor.FormException;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import hudson.util.FormApply;
import jakarta.servlet.ServletException;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins → Release Ledger ({@code /manage/release-ledger-configuration/}): the settings on a page of their own,
 * for everyone with Release Ledger/Configure. Administrators also find them as a section of Manage Jenkins → System;
 * this page is what lets a release manager who holds Configure, but not Administer, change environments, approvers and
 * webhooks. Both save through {@link ReleaseLedgerConfiguration#configure}.
 */
@Extension
public final class ReleaseLedgerManagementLink extends ManagementLink {
    /** Not {@code release-ledger}, the Releases pages' address, and no descriptor's id (Configuration as Code reads those). */
    static final String URL_NAME = "release-ledger-configuration";

    @Override
    public String getIconFileName() {
        return "symbol-rocket-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return Messages.ReleaseLedgerManagementLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.ReleaseLedgerManagementLink_Description();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** Manage Jenkins lists the link, and the page opens, only for those who hold it. */
    @Override
    public Permission getRequiredPermission() {
        return ReleaseLedgerPermissions.CONFIGURE;
    }

    @Override
    public Category getCategory() {
        return Category.CONFIGURATION;
    }

    /** What the page edits. */
    public ReleaseLedgerConfiguration getConfiguration() {
        return ReleaseLedgerConfiguration.get();
    }

    /**
     * Saves the page (POST, with Jenkins' crumb). Save returns to Manage Jenkins for those who may see it, else to the
     * Releases pages; Apply stays. An invalid form saves nothing: the {@link FormException} naming the field is
     * Jenkins' error page, or a notification under Apply.
     */
    @POST
    public HttpResponse doConfigure(StaplerRequest2 req) throws ServletException, FormException {
        Jenkins.get().checkPermission(ReleaseLedgerPermissions.CONFIGURE);
        getConfiguration().configure(req, req.getSubmittedForm());
        boolean manager = Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        return FormApply.success(req.getContextPath() + (manager ? "/manage/" : "/" + ReleasesRootAction.URL_NAME + "/"));
    }
}
