package io.releaseledger.plugin;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.releaseledger.HttpClients;
import io.releaseledger.InvalidInputException;
import io.releaseledger.notify.Notification;
import io.releaseledger.notify.Notifier;
import io.releaseledger.notify.WebhookConfigurationException;
import io.releaseledger.notify.WebhookNotifier;
import io.releaseledger.plugin.agent.JenkinsHttp;
import io.releaseledger.secrets.SecretMask;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A webhook that hears about rollbacks and approval requests, configured under Manage Jenkins → Release Ledger
 * ({@code webhooks:} in Configuration as Code). Its address is a secret — chat webhooks carry their token in the
 * path — so only credential ids are kept here: the address and the optional header's value are read from
 * global secret text credentials each time a notification is sent. {@link #toNotifier} maps it onto core's
 * {@link WebhookNotifier}, which does the sending.
 */
public final class ReleaseWebhook implements Describable<ReleaseWebhook> {
    static final String EVENTS_ALLOWED = "rollback.performed, rollback.failed, approval.requested (one per line or"
            + " comma-separated); empty for all";

    private final String urlCredentialsId;
    private String headerName;
    private String headerCredentialsId;
    private String events;

    /** @param urlCredentialsId the id of a global secret text credential holding the webhook's address */
    @DataBoundConstructor
    public ReleaseWebhook(String urlCredentialsId) {
        this.urlCredentialsId = Validation.trimToNull(urlCredentialsId);
    }

    public String getUrlCredentialsId() {
        return urlCredentialsId;
    }

    /** A header sent with each notification, e.g. {@code Authorization}; its value comes from {@link #getHeaderCredentialsId()}. */
    public String getHeaderName() {
        return headerName;
    }

    @DataBoundSetter
    public void setHeaderName(String headerName) {
        this.headerName = Validation.trimToNull(headerName);
    }

    /** The id of a global secret text credential holding the header's whole value, e.g. {@code Bearer …}. */
    public String getHeaderCredentialsId() {
        return headerCredentialsId;
    }

    @DataBoundSetter
    public void setHeaderCredentialsId(String headerCredentialsId) {
        this.headerCredentialsId = Validation.trimToNull(headerCredentialsId);
    }

    /** The events sent, one per line or comma-separated; empty (the default) sends all of them. */
    public String getEvents() {
        return events;
    }

    @DataBoundSetter
    public void setEvents(String events) {
        this.events = Validation.trimToNull(events);
    }

    /** Where messages point, as {@code environments.NAME} does for environments: {@code webhooks.ID}. */
    String where() {
        return "webhooks." + (urlCredentialsId == null ? "(no urlCredentialsId)" : urlCredentialsId);
    }

    /** Whether notifications of {@code kind} go to this webhook; an invalid events list sends none. */
    boolean accepts(Notification.Kind kind) {
        try {
            return kinds(events, where()).contains(kind);
        } catch (InvalidInputException e) {
            return false; // refused when saved; here only if the file was edited by hand
        }
    }

    /**
     * Checks what can be checked without the credentials' values: both ids present where needed, the header name,
     * the events. The credentials may change on their own, so their values are checked when a notification goes out.
     *
     * @throws InvalidInputException naming {@code webhooks.ID.FIELD}
     */
    void checkSettings() {
        if (urlCredentialsId == null) {
            throw InvalidInputException.withoutValue(where() + ".urlCredentialsId", "it is required: the id of a secret"
                    + " text credential holding the webhook's address; add one under Manage Jenkins → Credentials");
        }
        checkHeader(headerName, headerCredentialsId, where());
        kinds(events, where());
    }

    /**
     * Core's notifier for this webhook, its address and header read from the credentials now, so a rotated
     * credential is used from the next notification on.
     *
     * @param secrets where secret text credentials are read (as SYSTEM among the global ones, in Jenkins)
     * @param mask    secrets to mask in the body before it leaves
     * @throws InvalidInputException naming {@code webhooks.ID.FIELD} and never a credential's value, when a credential
     *                               is missing or its address is not usable
     */
    Notifier toNotifier(SecretTexts secrets, SecretMask mask) {
        return toNotifier(secrets, mask, JenkinsHttp.controller());
    }

    /** The same, its requests sent with clients from {@code http} (in Jenkins: through Jenkins' proxy). */
    Notifier toNotifier(SecretTexts secrets, SecretMask mask, HttpClients http) {
        checkSettings();
        String url = secretText(secrets, urlCredentialsId, where() + ".urlCredentialsId");
        WebhookNotifier.Builder builder;
        try {
            builder = WebhookNotifier.builder(url);
        } catch (WebhookConfigurationException e) {
            // Core's message quotes the address's path, where chat webhooks keep their token: say what is wrong without it.
            throw unusableUrl(urlCredentialsId, where());
        }
        if (headerName != null) {
            String value = secretText(secrets, headerCredentialsId, where() + ".headerCredentialsId");
            builder.secretHeader(headerName, () -> value);
        }
        return builder.mask(mask).httpClients(http).build();
    }

    private static InvalidInputException unusableUrl(String credentialsId, String where) {
        return InvalidInputException.withoutValue(where + ".urlCredentialsId", "the secret text of credential '"
                + credentialsId + "' is not a usable webhook address: it must be an absolute http:// or https:// URL"
                + " with a host and without user:password@; put the receiver's full address, e.g."
                + " https://hooks.example.com/release-ledger, in the credential");
    }

    private static String secretText(SecretTexts secrets, String credentialsId, String field) {
        String value = secrets.find(credentialsId);
        if (value == null) {
            throw InvalidInputException.withoutValue(field, "no secret text credential with id '" + credentialsId
                    + "' among Jenkins' global credentials; add it under Manage Jenkins → Credentials");
        }
        return value;
    }

    static void checkHeader(String name, String credentialsId, String where) {
        if (name == null && credentialsId == null) return;
        if (name == null) {
            throw InvalidInputException.withoutValue(where + ".headerName", "a header credential is set without a"
                    + " header name; give the name, e.g. Authorization, or clear the credential");
        }
        if (credentialsId == null) {
            throw InvalidInputException.withoutValue(where + ".headerCredentialsId", "header " + name + " needs the id"
                    + " of a secret text credential holding its value, e.g. Bearer …");
        }
        try {
            // Core decides which names are allowed; the address here is a placeholder, only the name is checked.
            WebhookNotifier.builder("https://example.invalid/").secretHeader(name, () -> "");
        } catch (WebhookConfigurationException e) {
            throw InvalidInputException.withoutValue(where + ".headerName", e.getMessage().replace("secretHeader name", "header name"));
        }
    }

    static Set<Notification.Kind> kinds(String events, String where) {
        List<String> names = Validation.split(events);
        if (names.isEmpty()) return EnumSet.allOf(Notification.Kind.class);
        Set<Notification.Kind> kinds = EnumSet.noneOf(Notification.Kind.class);
        for (String name : names) {
            kinds.add(Notification.Kind.ofEvent(name)
                    .orElseThrow(() -> new InvalidInputException(where + ".events", name, EVENTS_ALLOWED)));
        }
        return kinds;
    }

    /** Reads a secret text credential's value by id. */
    @FunctionalInterface
    interface SecretTexts {
        /** The value, or {@code null} when no secret text credential has this id. */
        String find(String credentialsId);
    }

    /** Controller-side lookup as SYSTEM among Jenkins' global credentials: the webhooks belong to no job. */
    static String globalSecretText(String credentialsId) {
        StringCredentials found = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, Jenkins.get(), ACL.SYSTEM2),
                CredentialsMatchers.withId(credentialsId));
        return found == null ? null : found.getSecret().getPlainText();
    }

    // --- form validation: the same checks, one field at a time ---

    static FormValidation validateUrlCredentialsId(String value, SecretTexts secrets) {
        String id = Validation.trimToNull(value);
        if (id == null) return FormValidation.error(Messages.ReleaseWebhook_UrlCredentialsRequired());
        String url = secrets.find(id);
        if (url == null) {
            return FormValidation.error(Messages.ReleaseWebhook_NoSuchCredentials(id));
        }
        try {
            WebhookNotifier.builder(url);
            return FormValidation.ok();
        } catch (WebhookConfigurationException e) {
            return FormValidation.error(unusableUrl(id, "webhooks." + id).getMessage());
        }
    }

    static FormValidation validateHeader(String headerName, String headerCredentialsId, SecretTexts secrets) {
        String name = Validation.trimToNull(headerName);
        String id = Validation.trimToNull(headerCredentialsId);
        FormValidation checked = Validation.of(() -> checkHeader(name, id, "webhook"));
        if (checked.kind != FormValidation.Kind.OK || id == null) return checked;
        return secrets.find(id) != null ? FormValidation.ok() : FormValidation.error(Messages.ReleaseWebhook_NoSuchCredentials(id));
    }

    static FormValidation validateEvents(String value) {
        return Validation.of(() -> kinds(value, "webhook"));
    }

    @Extension
    @Symbol("webhook")
    public static final class DescriptorImpl extends Descriptor<ReleaseWebhook> {
        private final transient JenkinsSide jenkins;
        private final transient SecretTexts secrets;

        public DescriptorImpl() {
            this(JenkinsSide.LIVE, ReleaseWebhook::globalSecretText);
        }

        /** For tests: another Jenkins and other credentials. */
        DescriptorImpl(JenkinsSide jenkins, SecretTexts secrets) {
            this.jenkins = jenkins;
            this.secrets = secrets;
        }

        @Override
        public String getDisplayName() {
            return Messages.ReleaseWebhook_DisplayName();
        }

        @POST
        public FormValidation doCheckUrlCredentialsId(@QueryParameter String value) {
            jenkins.checkPermission(ReleaseLedgerPermissions.CONFIGURE);
            return validateUrlCredentialsId(value, secrets);
        }

        @POST
        public FormValidation doCheckHeaderName(@QueryParameter String value, @QueryParameter String headerCredentialsId) {
            jenkins.checkPermission(ReleaseLedgerPermissions.CONFIGURE);
            return validateHeader(value, headerCredentialsId, secrets);
        }

        @POST
        public FormValidation doCheckHeaderCredentialsId(@QueryParameter String headerName, @QueryParameter String value) {
            jenkins.checkPermission(ReleaseLedgerPermissions.CONFIGURE);
            return validateHeader(headerName, value, secrets);
        }

        @POST
        public FormValidation doCheckEvents(@QueryParameter String value) {
            jenkins.checkPermission(ReleaseLedgerPermissions.CONFIGURE);
            return validateEvents(value);
        }

        @POST
        public ListBoxModel doFillUrlCredentialsIdItems(@QueryParameter String urlCredentialsId) {
            return secretTextItems(jenkins.hasPermission(ReleaseLedgerPermissions.CONFIGURE), urlCredentialsId);
        }

        @POST
        public ListBoxModel doFillHeaderCredentialsIdItems(@QueryParameter String headerCredentialsId) {
            return secretTextItems(jenkins.hasPermission(ReleaseLedgerPermissions.CONFIGURE), headerCredentialsId);
        }

        /** Global secret texts for those who may configure; for anyone else only the current value, as for the ledger's. */
        private static ListBoxModel secretTextItems(boolean mayConfigure, String current) {
            return ReleaseLedgerConfiguration.credentialItems(mayConfigure,
                    () -> new StandardListBoxModel().includeCurrentValue(current),
                    () -> new StandardListBoxModel().includeEmptyValue()
                            .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(),
                                    CredentialsMatchers.always())
                            .includeCurrentValue(current));
        }
    }
}
