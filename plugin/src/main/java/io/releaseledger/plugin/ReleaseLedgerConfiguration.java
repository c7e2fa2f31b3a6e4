package io.releaseledger.plugin;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.security.ACL;
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
 * Manage Jenkins → Release Ledger, and {@code unclassified: releaseLedger:} in Configuration as Code:
 * where the ledger is stored, the environments with their policies, and the webhooks that hear about rollbacks
 * and approval requests. Kept as typed; the mapping to core ({@link #toEnvironmentConfig()},
 * {@link #toLedgerConfig()}, {@link #notifier}) is where every rule is checked.
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

    public ReleaseLedgerConfiguration() {
        load();
    }

    /** The one instance Jenkins created. */
    public static ReleaseLedgerConfiguration get() {
        return ExtensionList.lookupSingleton(ReleaseLedgerConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return "Release Ledger";
    }

    /**
     * Saves the form. A list with no entry is left out of the submitted JSON, and binding sets only what was
     * sent: without the two lines first, deleting the last environment or webhook on the page would not stick.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        if (!json.has("environments")) {
            setEnvironments(List.of());
        }
        if (!json.has("webhooks")) {
            setWebhooks(List.of());
        }
        req.bindJSON(this, json);
        return true;
    }

    /** A PostgreSQL JDBC URL; empty (the default) means the embedded H2 ledger under {@code $JENKINS_HOME/release-ledger/}. */
    public String getLedgerUrl() {
        return ledgerUrl;
    }

    @DataBoundSetter
    public void setLedgerUrl(String ledgerUrl) {
        this.ledgerUrl = Validation.trimToNull(ledgerUrl);
        save();
        LedgerLifecycle.settingsChanged();
    }

    /** Id of a username/password credential for the PostgreSQL ledger: its user and password. */
    public String getLedgerCredentialsId() {
        return ledgerCredentialsId;
    }

    @DataBoundSetter
    public void setLedgerCredentialsId(String ledgerCredentialsId) {
        this.ledgerCredentialsId = Validation.trimToNull(ledgerCredentialsId);
        save();
        LedgerLifecycle.settingsChanged();
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
        LedgerLifecycle.settingsChanged();
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
            return FormValidation.ok("The embedded H2 ledger under $JENKINS_HOME/" + EMBEDDED_FOLDER + "/ is used.");
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
            return id == null ? FormValidation.ok() : FormValidation.warning("Used only with a PostgreSQL ledger URL.");
        }
        if (id == null) {
            return FormValidation.error("A PostgreSQL ledger needs a username/password credential for its user and password.");
        }
        if (!exists.test(id)) {
            return FormValidation.error("No username/password credential with id '" + id + "' among Jenkins' global"
                    + " credentials; add it under Manage Jenkins → Credentials.");
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
