package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.releaseledger.environment.CredentialBinding;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One credential bound to an environment's deploy body: the variable it appears as and the Jenkins
 * credentials id it comes from. Only the id is kept; the secret is looked up when a deploy runs, with the
 * build's authentication.
 */
public final class CredentialBindingEntry implements Describable<CredentialBindingEntry> {
    private final String variable;
    private final String credentialsId;

    @DataBoundConstructor
    public CredentialBindingEntry(String variable, String credentialsId) {
        this.variable = Validation.trimToNull(variable);
        this.credentialsId = Validation.trimToNull(credentialsId);
    }

    public String getVariable() {
        return variable;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Core's binding; its checks (variable syntax, {@code RELEASE_*} reserved, id form) apply. */
    CredentialBinding toBinding() {
        return new CredentialBinding(variable, credentialsId);
    }

    static FormValidation validateVariable(String value) {
        return Validation.of(() -> new CredentialBinding(Validation.trimToNull(value), "placeholder-id"));
    }

    static FormValidation validateCredentialsId(String value) {
        return Validation.of(() -> new CredentialBinding("VARIABLE", Validation.trimToNull(value)));
    }

    @Extension
    @Symbol("credentialBinding")
    public static final class DescriptorImpl extends Descriptor<CredentialBindingEntry> {
        @Override
        public String getDisplayName() {
            return Messages.CredentialBindingEntry_DisplayName();
        }

        @POST
        public FormValidation doCheckVariable(@QueryParameter String value) {
            Validation.checkConfigurePermission();
            return validateVariable(value);
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            Validation.checkConfigurePermission();
            return validateCredentialsId(value);
        }
    }
}
