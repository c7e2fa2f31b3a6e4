package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.CredentialBinding;
import io.releaseledger.environment.PolicyDurations;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.environment.FreezeWindow;
import io.releaseledger.environment.InconclusiveOutcome;
import io.releaseledger.environment.InvalidPolicyException;
import io.releaseledger.environment.JobPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One environment as an administrator configures it under Manage Jenkins → Release Ledger (or
 * Configuration as Code). It holds the form's values as typed; {@link #toPolicy(int)} turns them into
 * core's {@link EnvironmentPolicy}, where every rule is checked. The fields and defaults are those of an
 * environment in {@code release-ledger.yaml} (docs/environment-policy.md); lists ({@code requires},
 * {@code approvers}, {@code allowedDeployers}) are typed one per line or separated by commas.
 */
public final class ReleaseEnvironment implements Describable<ReleaseEnvironment> {
    static final String INCONCLUSIVE_ALLOWED = "unhealthy (the default) or healthy";

    private final String name;
    private int order;
    private String requires;
    private int approvalsRequired;
    private String approvers;
    private boolean allowSelfApproval;
    private String approvalTimeout;
    private List<FreezeWindowEntry> freezes = new ArrayList<>();
    private boolean autoRollback = true;
    private String onInconclusive;
    private String allowedDeployers;
    private List<CredentialBindingEntry> credentials = new ArrayList<>();

    @DataBoundConstructor
    public ReleaseEnvironment(String name) {
        this.name = Validation.trimToNull(name);
    }

    public String getName() {
        return name;
    }

    /** 0 (the default) means the environment's position in the list, as in {@code release-ledger.yaml}. */
    public int getOrder() {
        return order;
    }

    @DataBoundSetter
    public void setOrder(int order) {
        this.order = order;
    }

    public String getRequires() {
        return requires;
    }

    @DataBoundSetter
    public void setRequires(String requires) {
        this.requires = Validation.trimToNull(requires);
    }

    public int getApprovalsRequired() {
        return approvalsRequired;
    }

    @DataBoundSetter
    public void setApprovalsRequired(int approvalsRequired) {
        this.approvalsRequired = approvalsRequired;
    }

    public String getApprovers() {
        return approvers;
    }

    @DataBoundSetter
    public void setApprovers(String approvers) {
        this.approvers = Validation.trimToNull(approvers);
    }

    public boolean isAllowSelfApproval() {
        return allowSelfApproval;
    }

    @DataBoundSetter
    public void setAllowSelfApproval(boolean allowSelfApproval) {
        this.allowSelfApproval = allowSelfApproval;
    }

    /** Empty means core's default, 24h. */
    public String getApprovalTimeout() {
        return approvalTimeout;
    }

    @DataBoundSetter
    public void setApprovalTimeout(String approvalTimeout) {
        this.approvalTimeout = Validation.trimToNull(approvalTimeout);
    }

    public List<FreezeWindowEntry> getFreezes() {
        return List.copyOf(freezes);
    }

    @DataBoundSetter
    public void setFreezes(List<FreezeWindowEntry> freezes) {
        this.freezes = freezes == null ? new ArrayList<>() : new ArrayList<>(freezes);
    }

    public boolean isAutoRollback() {
        return autoRollback;
    }

    @DataBoundSetter
    public void setAutoRollback(boolean autoRollback) {
        this.autoRollback = autoRollback;
    }

    /** Empty means {@code unhealthy}, core's safe default. */
    public String getOnInconclusive() {
        return onInconclusive;
    }

    @DataBoundSetter
    public void setOnInconclusive(String onInconclusive) {
        this.onInconclusive = Validation.trimToNull(onInconclusive);
    }

    public String getAllowedDeployers() {
        return allowedDeployers;
    }

    @DataBoundSetter
    public void setAllowedDeployers(String allowedDeployers) {
        this.allowedDeployers = Validation.trimToNull(allowedDeployers);
    }

    public List<CredentialBindingEntry> getCredentials() {
        return List.copyOf(credentials);
    }

    @DataBoundSetter
    public void setCredentials(List<CredentialBindingEntry> credentials) {
        this.credentials = credentials == null ? new ArrayList<>() : new ArrayList<>(credentials);
    }

    /**
     * Core's policy for this environment.
     *
     * @param position 1-based position in the configured list, the order when none is set
     * @throws InvalidPolicyException naming the field as {@code environments.NAME.FIELD}
     */
    EnvironmentPolicy toPolicy(int position) {
        try {
            List<FreezeWindow> windows = new ArrayList<>();
            for (int i = 0; i < freezes.size(); i++) {
                FreezeWindowEntry freeze = freezes.get(i);
                try {
                    windows.add(freeze.toWindow());
                } catch (InvalidPolicyException e) {
                    throw e.locatedAt("freezes." + (freeze.getName() == null ? "#" + (i + 1) : freeze.getName()), null, 0);
                }
            }
            List<JobPattern> deployers = new ArrayList<>();
            for (String glob : Validation.split(allowedDeployers)) deployers.add(new JobPattern(glob));
            List<CredentialBinding> bindings = new ArrayList<>();
            for (CredentialBindingEntry entry : credentials) bindings.add(entry.toBinding());
            return new EnvironmentPolicy(name, order > 0 ? order : position, new LinkedHashSet<>(Validation.split(requires)),
                    approval(), windows, autoRollback, inconclusive(onInconclusive), deployers, bindings);
        } catch (InvalidPolicyException e) {
            throw e.locatedAt("environments." + (name == null ? "#" + position : name), null, 0);
        }
    }

    private ApprovalPolicy approval() {
        try {
            return new ApprovalPolicy(approvalsRequired, approverSet(approvers), allowSelfApproval, timeout(approvalTimeout));
        } catch (InvalidPolicyException e) {
            throw e.locatedAt("approval", null, 0);
        }
    }

    static Set<Approver> approverSet(String text) {
        Set<Approver> set = new LinkedHashSet<>();
        for (String entry : Validation.split(text)) set.add(Approver.parse("approvers", entry));
        return set;
    }

    static Duration timeout(String text) {
        return text == null ? ApprovalPolicy.DEFAULT_TIMEOUT : PolicyDurations.parse("timeout", text);
    }

    static InconclusiveOutcome inconclusive(String text) {
        if (text == null) return InconclusiveOutcome.UNHEALTHY;
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "unhealthy" -> InconclusiveOutcome.UNHEALTHY;
            case "healthy" -> InconclusiveOutcome.HEALTHY;
            default -> throw new InvalidPolicyException("onInconclusive", text, INCONCLUSIVE_ALLOWED);
        };
    }

    // --- form validation: the same core checks, one field at a time ---

    static FormValidation validateName(String value) {
        return Validation.of(() -> EnvironmentPolicy.builder(Validation.trimToNull(value), 1).build());
    }

    static FormValidation validateRequires(String value) {
        // Whether each named environment exists and comes earlier is checked on save, over all environments.
        return Validation.of(() -> {
            for (String required : Validation.split(value)) EnvironmentPolicy.builder(required, 1).build();
        });
    }

    /**
     * The approvers list on its own: each entry a user id or {@code group:NAME}. Whether they can give the required
     * count is said once, under the count ({@link #validateApprovalsRequired}).
     */
    static FormValidation validateApprovers(String value) {
        return Validation.of(() -> approverSet(value));
    }

    /**
     * The required count against the approvers listed beside it: core refuses a count the listed users could never
     * give. The count arrives as typed (an empty field too), so it is parsed here. A malformed approvers list is that
     * field's own message and is not repeated here.
     */
    static FormValidation validateApprovalsRequired(String value, String approvers) {
        String count = Validation.trimToNull(value);
        int required;
        try {
            required = count == null ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.ReleaseEnvironment_ApprovalsRequiredNotANumber(count));
        }
        Set<Approver> listed;
        try {
            listed = approverSet(approvers);
        } catch (InvalidInputException e) {
            listed = null;
        }
        if (listed == null) return FormValidation.ok();
        Set<Approver> set = listed;
        return Validation.of(() -> new ApprovalPolicy(required, set, false, ApprovalPolicy.DEFAULT_TIMEOUT));
    }

    static FormValidation validateApprovalTimeout(String value) {
        return Validation.of(() -> new ApprovalPolicy(0, Set.of(), false, timeout(Validation.trimToNull(value))));
    }

    static FormValidation validateAllowedDeployers(String value) {
        return Validation.of(() -> {
            for (String glob : Validation.split(value)) new JobPattern(glob);
        });
    }

    static FormValidation validateOnInconclusive(String value) {
        return Validation.of(() -> inconclusive(Validation.trimToNull(value)));
    }

    @Extension
    @Symbol("environment")
    public static final class DescriptorImpl extends Descriptor<ReleaseEnvironment> {
        private final transient Runnable checkConfigure;

        public DescriptorImpl() {
            this(Validation::checkConfigurePermission);
        }

        /** For tests: another permission check than Jenkins' Release Ledger/Configure. */
        DescriptorImpl(Runnable checkConfigure) {
            this.checkConfigure = checkConfigure;
        }

        @Override
        public String getDisplayName() {
            return Messages.ReleaseEnvironment_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            checkConfigure.run();
            return validateName(value);
        }

        @POST
        public FormValidation doCheckRequires(@QueryParameter String value) {
            checkConfigure.run();
            return validateRequires(value);
        }

        @POST
        public FormValidation doCheckApprovers(@QueryParameter("value") String value) {
            checkConfigure.run();
            return validateApprovers(value);
        }

        /**
         * Depends on {@code approvers}, named in the annotation so that Jenkins re-runs this check whenever the
         * approvers change (its {@code checkDependsOn}) whatever the compiler kept of parameter names.
         */
        @POST
        public FormValidation doCheckApprovalsRequired(@QueryParameter("value") String value,
                @QueryParameter("approvers") String approvers) {
            checkConfigure.run();
            return validateApprovalsRequired(value, approvers);
        }

        @POST
        public FormValidation doCheckApprovalTimeout(@QueryParameter String value) {
            checkConfigure.run();
            return validateApprovalTimeout(value);
        }

        @POST
        public FormValidation doCheckAllowedDeployers(@QueryParameter String value) {
            checkConfigure.run();
            return validateAllowedDeployers(value);
        }

        @POST
        public FormValidation doCheckOnInconclusive(@QueryParameter String value) {
            checkConfigure.run();
            return validateOnInconclusive(value);
        }
    }
}
