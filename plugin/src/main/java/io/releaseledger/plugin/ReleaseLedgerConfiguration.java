package io.releaseledger.plugin;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.security.ACL;
import hudson.security.Permission;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.environment.InvalidPolicyException;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.PasswordSource;
import io.releaseledger.notify.Notifier;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins → Release Ledger (and its section on Manage Jenkins → System), and {@code unclassified: releaseLedger:}
 * in Configuration as Code: where the ledger is stored, the environments with their policies, and the webhooks that
 * hear about rollbacks and approval requests. Kept as typed; the mapping to core ({@link #toEnvironmentConfig()},
 * {@link #toLedgerConfig()}, {@link #notifier}) is where every rule is checked.
 *
 * <p>A submitted form is bound to new objects and checked whole before anything changes ({@link #configure}); the
 * change is then saved once. Configuration as Code calls the setters inside a {@link BulkChange} and saves once at its
 * end; any save, and only a save, reopens the ledger ({@link #save()}).
 */
@Extension
@Symbol("releaseLedger")
public class ReleaseLedgerConfiguration extends GlobalConfiguration {
    /** Folder of the embedded H2 ledger, under {@code $JENKINS_HOME}. */
    static final String EMBEDDED_FOLDER = "release-ledger";

    private String ledgerUrl;
    private String ledgerCredentialsId;
    private List<ReleaseEnvironment> environments = new ArrayList<>();
    private List<ReleaseWebhook> webhooks = new ArrayList<>();
    /** Checks Release Ledger/Configure; another check in tests. */
    private final transient Runnable checkConfigure;

    public ReleaseLedgerConfiguration() {
        this(Validation::checkConfigurePermission, true);
    }

    /** For tests: another permission check, and no loading from {@code $JENKINS_HOME}. */
    ReleaseLedgerConfiguration(Runnable checkConfigure, boolean load) {
        this.checkConfigure = checkConfigure;
        if (load) load();
    }

    /** The one instance Jenkins created. */
    public static ReleaseLedgerConfiguration get() {
        return ExtensionList.lookupSingleton(ReleaseLedgerConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return Messages.ReleaseLedgerConfiguration_DisplayName();
    }

    /**
     * Release Ledger/Configure, not Administer: the System page shows the section to whoever holds it (with Overall/Manage
     * to reach that page), and {@link ReleaseLedgerManagementLink} is the page of its own for everyone else who holds it.
     */
    @Override
    public Permission getRequiredGlobalConfigPagePermission() {
        return ReleaseLedgerPermissions.CONFIGURE;
    }

    /**
     * Saves the submitted form (from the System page or Manage Jenkins → Release Ledger): binds it to new objects,
     * checks all of it with core's rules, and only then replaces the settings and saves once. An invalid form changes
     * nothing and is answered with one error naming the field ({@code environments.production.approval.timeout: …});
     * Jenkins shows that message on an error page (Save) or in the notification bar (Apply). A list with no entry is
     * left out of the submitted JSON, so a missing list means "none", and deleting the last environment sticks.
     *
     * @throws FormException naming {@code ledgerUrl}, {@code ledgerCredentialsId}, {@code environments} or {@code webhooks}
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        checkConfigure.run();
        Submitted submitted = Submitted.bind(req, json);
        submitted.check();
        try (BulkChange change = new BulkChange(this)) {
            ledgerUrl = submitted.ledgerUrl();
            ledgerCredentialsId = submitted.ledgerCredentialsId();
            environments = new ArrayList<>(submitted.environments());
            webhooks = new ArrayList<>(submitted.webhooks());
            change.commit();
        } catch (IOException e) {
            throw new FormException(Messages.ReleaseLedgerConfiguration_NotWritten(e.getMessage()), e, "ledgerUrl");
        }
        return true;
    }

    /** A submitted form, bound to new objects and not yet applied. */
    record Submitted(String ledgerUrl, String ledgerCredentialsId, List<ReleaseEnvironment> environments,
                     List<ReleaseWebhook> webhooks) {

        /** Binds the form as Stapler does; a value it cannot convert (letters in a number) is the list's error. */
        static Submitted bind(StaplerRequest2 req, JSONObject json) throws FormException {
            return new Submitted(Validation.trimToNull(json.optString("ledgerUrl")),
                    Validation.trimToNull(json.optString("ledgerCredentialsId")),
                    bindList(req, ReleaseEnvironment.class, json, "environments"),
                    bindList(req, ReleaseWebhook.class, json, "webhooks"));
        }

        private static <T> List<T> bindList(StaplerRequest2 req, Class<T> type, JSONObject json, String field)
                throws FormException {
            try {
                return List.copyOf(req.bindJSONToList(type, json.opt(field)));
            } catch (RuntimeException e) {
                throw new FormException(Messages.ReleaseLedgerConfiguration_Unreadable(field, e.getMessage()), e, field);
            }
        }

        /** Every rule core and the plugin apply to settings, in the order the page shows them; the first refusal wins. */
        void check() throws FormException {
            try {
                if (ledgerUrl != null) checkPostgresUrl(ledgerUrl);
            } catch (InvalidInputException e) {
                throw refused(e, "ledgerUrl");
            }
            if (ledgerUrl != null && ledgerCredentialsId == null) {
                throw new FormException(Messages.ReleaseLedgerConfiguration_CredentialsMissing(), "ledgerCredentialsId");
            }
            try {
                environmentConfig(environments);
            } catch (InvalidInputException e) {
                throw refused(e, "environments");
            }
            try {
                webhooks.forEach(ReleaseWebhook::checkSettings);
            } catch (InvalidInputException e) {
                throw refused(e, "webhooks");
            }
        }

        private static FormException refused(InvalidInputException e, String field) {
            // Jenkins shows the message alone, so it is the message that names the field (core's messages do).
            return new FormException(Messages.ReleaseLedgerConfiguration_Refused(e.getMessage()), e, field);
        }
    }

    /**
     * Writes the settings and reopens the ledger with them; inside a {@link BulkChange} (a submitted form,
     * Configuration as Code) it does neither until the change is committed, so a change is saved and applied once.
     * Not synchronized here: Descriptor#save is, around the write.
     */
    @Override
    public void save() {
        if (BulkChange.contains(this)) return;
        persist();
        settingsChanged();
    }

    /** Writes {@code $JENKINS_HOME/io.releaseledger.plugin.ReleaseLedgerConfiguration.xml}; a test counts instead. */
    void persist() {
        super.save();
    }

    /** The store or the environments may have changed: {@link LedgerLifecycle} reopens the ledger shortly. */
    void settingsChanged() {
        LedgerLifecycle.settingsChanged();
    }

    /** A PostgreSQL JDBC URL; empty (the default) means the embedded H2 ledger under {@code $JENKINS_HOME/release-ledger/}. */
    public String getLedgerUrl() {
        return ledgerUrl;
    }

    /**
     * Sets the URL (Configuration as Code, scripts) and saves, unless inside a {@link BulkChange}.
     *
     * @throws InvalidInputException when it is not a PostgreSQL URL, or has a password in it
     */
    @DataBoundSetter
    public void setLedgerUrl(String ledgerUrl) {
        String url = Validation.trimToNull(ledgerUrl);
        if (url != null) checkPostgresUrl(url);
        this.ledgerUrl = url;
        save();
    }

    /** Id of a username/password credential for the PostgreSQL ledger: its user and password. */
    public String getLedgerCredentialsId() {
        return ledgerCredentialsId;
    }

    @DataBoundSetter
    public void setLedgerCredentialsId(String ledgerCredentialsId) {
        this.ledgerCredentialsId = Validation.trimToNull(ledgerCredentialsId);
        save();
    }

    public List<ReleaseEnvironment> getEnvironments() {
        return List.copyOf(environments);
    }

    /**
     * Replaces the environments, but only with a valid set: an invalid policy is refused here, with core's
     * message naming the environment and field, so a typo can never leave production without its gate.
     *
     * @throws InvalidPolicyException when the environments do not form a valid configuration
     */
    @DataBoundSetter
    public void setEnvironments(List<ReleaseEnvironment> environments) {
        List<ReleaseEnvironment> candidate = environments == null ? List.of() : List.copyOf(environments);
        environmentConfig(candidate);
        this.environments = new ArrayList<>(candidate);
        save();
    }

    /** Where rollbacks and approval requests are announced; none by default. */
    public List<ReleaseWebhook> getWebhooks() {
        return webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    /**
     * Replaces the webhooks, but only with valid settings (credential ids given, header name, events); the
     * credentials' values are read, and checked, when a notification goes out.
     *
     * @throws InvalidInputException naming {@code webhooks.ID.FIELD} when a webhook is invalid
     */
    @DataBoundSetter
    public void setWebhooks(List<ReleaseWebhook> webhooks) {
        List<ReleaseWebhook> candidate = webhooks == null ? List.of() : List.copyOf(webhooks);
        candidate.forEach(ReleaseWebhook::checkSettings);
        this.webhooks = new ArrayList<>(candidate);
        save();
    }

    /**
     * The notifier for the steps: every configured webhook, its credentials read as SYSTEM among the global ones
     * when a notification goes out, its body masked with {@code mask}, its link the release's page.
     */
    Notifier notifier(SecretMask mask) {
        List<ReleaseWebhook> configured = getWebhooks();
        if (configured.isEmpty()) return n -> { };
        return new WebhookFanOut(configured, ReleaseWebhook::globalSecretText, mask, Jenkins.get().getRootUrl(),
                WebhookFanOut.DELIVERIES);
    }

    /**
     * Core's view of the configured environments, in promotion order.
     *
     * @throws InvalidPolicyException naming {@code environments.NAME.FIELD} when the configuration is invalid
     */
    public EnvironmentConfig toEnvironmentConfig() {
        return environmentConfig(environments);
    }

    static EnvironmentConfig environmentConfig(List<ReleaseEnvironment> environments) {
        List<EnvironmentPolicy> policies = new ArrayList<>();
        for (int i = 0; i < environments.size(); i++) policies.add(environments.get(i).toPolicy(i + 1));
        try {
            return new EnvironmentConfig(policies);
        } catch (InvalidPolicyException e) {
            throw e.locatedAt("environments", null, 0);
        }
    }

    /**
     * How to open the ledger: embedded, or PostgreSQL with the credential's user and password. The
     * password is read from the credential each time the store asks, never kept in this configuration.
     *
     * @throws InvalidInputException when the URL is not a PostgreSQL URL or the credential is missing
     */
    public LedgerConfig toLedgerConfig() {
        return ledgerConfig(ledgerUrl, ledgerCredentialsId, Jenkins.get().getRootDir().toPath(),
                ReleaseLedgerConfiguration::lookupLogin);
    }

    /** What identifies the store, to notice when it changed; the password is not part of it. */
    String storeKey() {
        return ledgerUrl == null ? "embedded in " + Jenkins.get().getRootDir() : ledgerUrl + " as " + ledgerCredentialsId;
    }

    /** A database user and where to read its password when the store asks for it. */
    record DatabaseLogin(String user, Supplier<String> password) {}

    static LedgerConfig ledgerConfig(String url, String credentialsId, Path jenkinsHome,
            Function<String, DatabaseLogin> lookup) {
        if (url == null) return LedgerConfig.embedded(jenkinsHome.resolve(EMBEDDED_FOLDER));
        checkPostgresUrl(url);
        if (credentialsId == null) {
            throw InvalidInputException.withoutValue("ledger credentials",
                    "a PostgreSQL ledger needs the id of a username/password credential holding its database user"
                            + " and password; add one under Manage Jenkins → Credentials and select it");
        }
        DatabaseLogin login = lookup.apply(credentialsId);
        return LedgerConfig.postgres(url, login.user(),
                new PasswordSource.Supplied("Jenkins credential " + credentialsId, login.password()));
    }

    static void checkPostgresUrl(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new InvalidInputException("ledger url", url,
                    "use a PostgreSQL JDBC URL such as jdbc:postgresql://db.example.com:5432/release_ledger,"
                            + " or leave it empty for the embedded H2 ledger");
        }
        // Core's own checks too: e.g. no password in the URL.
        LedgerConfig.postgres(url, null, new PasswordSource.None());
    }

    /** Controller-side lookup as SYSTEM among Jenkins' global credentials: the ledger belongs to no job. */
    static DatabaseLogin lookupLogin(String credentialsId) {
        StandardUsernamePasswordCredentials credential = findLogin(credentialsId);
        return new DatabaseLogin(credential.getUsername(), () -> findLogin(credentialsId).getPassword().getPlainText());
    }

    private static StandardUsernamePasswordCredentials findLogin(String credentialsId) {
        StandardUsernamePasswordCredentials found = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StandardUsernamePasswordCredentials.class,
                        Jenkins.get(), ACL.SYSTEM2),
                CredentialsMatchers.withId(credentialsId));
        if (found == null) {
            throw new InvalidInputException("ledger credentials", credentialsId,
                    "no username/password credential with this id among Jenkins' global credentials;"
                            + " add it under Manage Jenkins → Credentials");
        }
        return found;
    }

    // --- form validation ---

    static FormValidation validateLedgerUrl(String value) {
        String url = Validation.trimToNull(value);
        if (url == null) {
            return FormValidation.ok(Messages.ReleaseLedgerConfiguration_EmbeddedLedger(EMBEDDED_FOLDER));
        }
        return Validation.of(() -> checkPostgresUrl(url));
    }

    /**
     * A PostgreSQL ledger needs a credential, and it must exist among Jenkins' global username/password
     * credentials; {@code exists} looks it up (as SYSTEM: the ledger belongs to no job).
     */
    static FormValidation validateLedgerCredentialsId(String value, String ledgerUrl, Predicate<String> exists) {
        String id = Validation.trimToNull(value);
        if (Validation.trimToNull(ledgerUrl) == null) {
            return id == null ? FormValidation.ok() : FormValidation.warning(Messages.ReleaseLedgerConfiguration_CredentialsUnused());
        }
        if (id == null) {
            return FormValidation.error(Messages.ReleaseLedgerConfiguration_CredentialsRequired());
        }
        if (!exists.test(id)) {
            return FormValidation.error(Messages.ReleaseLedgerConfiguration_NoSuchCredentials(id));
        }
        return FormValidation.ok();
    }

    static boolean loginExists(String credentialsId) {
        try {
            findLogin(credentialsId);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /**
     * The drop-down's options. Without Release Ledger/Configure only the current value comes back, so the form
     * still shows it and nobody else learns which credentials exist.
     */
    static <M> M credentialItems(boolean mayConfigure, Supplier<M> currentOnly, Supplier<M> all) {
        return mayConfigure ? all.get() : currentOnly.get();
    }

    @POST
    public ListBoxModel doFillLedgerCredentialsIdItems(@QueryParameter String ledgerCredentialsId) {
        return credentialItems(Jenkins.get().hasPermission(ReleaseLedgerPermissions.CONFIGURE),
                () -> new StandardListBoxModel().includeCurrentValue(ledgerCredentialsId),
                () -> new StandardListBoxModel().includeEmptyValue()
                        .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardUsernamePasswordCredentials.class, List.of(),
                                CredentialsMatchers.always())
                        .includeCurrentValue(ledgerCredentialsId));
    }

    @POST
    public FormValidation doCheckLedgerUrl(@QueryParameter String value) {
        Validation.checkConfigurePermission();
        return validateLedgerUrl(value);
    }

    @POST
    public FormValidation doCheckLedgerCredentialsId(@QueryParameter String value, @QueryParameter String ledgerUrl) {
        Validation.checkConfigurePermission();
        return validateLedgerCredentialsId(value, ledgerUrl, ReleaseLedgerConfiguration::loginExists);
    }
}
