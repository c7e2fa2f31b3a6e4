package io.releaseledger.environment;

import io.releaseledger.Inputs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an administrator sets for one environment. Validated at construction; cross-environment
 * rules ({@code requires} naming earlier environments) are checked by {@link EnvironmentConfig}.
 *
 * @param name ASCII letters, digits, {@code .}, {@code _}, {@code -}; at most 64 characters
 * @param order position in the promotion path; lower comes first
 * @param requires environments the same digest must be live in before it may enter this one
 * @param approval who must approve a release into this environment
 * @param freezes windows during which deploys are refused
 * @param autoRollback whether an unhealthy release is rolled back to the last known-good automatically
 * @param onInconclusive what an inconclusive health verdict counts as
 * @param allowedDeployers jobs that may deploy here; empty means any job
 * @param credentials secrets bound to the deploy body, by reference
 */
public record EnvironmentPolicy(
        String name,
        int order,
        Set<String> requires,
        ApprovalPolicy approval,
        List<FreezeWindow> freezes,
        boolean autoRollback,
        InconclusiveOutcome onInconclusive,
        List<JobPattern> allowedDeployers,
        List<CredentialBinding> credentials) {

    /** What an environment's name may be; the ledger applies the same rule. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** {@link #NAME} in words, for error messages. */
    static final String NAME_ALLOWED =
            "1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit (no accents: names go into"
                    + " URLs, variables and shell commands)";

    /** Checks each field and that names are unique within the policy. */
    public EnvironmentPolicy {
        validName("name", name);
        requires = Collections.unmodifiableSet(new LinkedHashSet<>(present("requires", requires, "a list of environment names")));
        for (String required : requires) validName("requires", required);
        if (requires.contains(name)) {
            throw new InvalidPolicyException("requires", name, "an environment cannot require itself",
                    "names of environments earlier in the order");
        }
        present("approval", approval, "an approval policy");
        freezes = List.copyOf(present("freezes", freezes, "a list of freeze windows"));
        requireUnique("freezes", freezes.stream().map(FreezeWindow::name).toList(), "the freeze name is used twice",
                "unique freeze names");
        present("onInconclusive", onInconclusive, "unhealthy or healthy");
        allowedDeployers = List.copyOf(present("allowedDeployers", allowedDeployers, JobPattern.ALLOWED));
        credentials = List.copyOf(present("credentials", credentials, "a map of variable name to credentials id"));
        requireUnique("credentials", credentials.stream().map(CredentialBinding::variable).toList(),
                "the variable is bound twice", "each variable bound once");
    }

    /** {@code name} as an environment's name in {@code field}, or an {@link InvalidPolicyException} saying what is allowed. */
    static String validName(String field, String name) {
        return Inputs.matching(field, name, NAME, NAME_ALLOWED, InvalidPolicyException::new);
    }

    private static <T> T present(String field, T value, String allowed) {
        return Inputs.present(field, value, allowed, InvalidPolicyException::new);
    }

    /** Refuses the first name of {@code names} that came before. */
    private static void requireUnique(String field, List<String> names, String problem, String allowed) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) throw new InvalidPolicyException(field, name, problem, allowed);
        }
    }

    /** A policy with every default: no requirements, no approval, no freezes, auto-rollback on. */
    public static Builder builder(String name, int order) {
        return new Builder(name, order);
    }

    /** Whether {@code jobFullName} may deploy here: true when no deployers are listed. */
    public boolean allowsDeployer(String jobFullName) {
        return allowedDeployers.isEmpty() || allowedDeployers.stream().anyMatch(p -> p.matches(jobFullName));
    }

    /** Builds an {@link EnvironmentPolicy}; unset fields take their defaults. */
    public static final class Builder {
        private final String name;
        private final int order;
        private final Set<String> requires = new LinkedHashSet<>();
        private ApprovalPolicy approval = ApprovalPolicy.NONE;
        private final List<FreezeWindow> freezes = new ArrayList<>();
        private boolean autoRollback = true;
        private InconclusiveOutcome onInconclusive = InconclusiveOutcome.UNHEALTHY;
        private final List<JobPattern> allowedDeployers = new ArrayList<>();
        private final List<CredentialBinding> credentials = new ArrayList<>();

        private Builder(String name, int order) {
            this.name = name;
            this.order = order;
        }

        public Builder requires(String... environments) {
            requires.addAll(List.of(environments));
            return this;
        }

        public Builder approval(ApprovalPolicy policy) {
            approval = policy;
            return this;
        }

        public Builder freeze(FreezeWindow window) {
            freezes.add(window);
            return this;
        }

        public Builder autoRollback(boolean enabled) {
            autoRollback = enabled;
            return this;
        }

        Builder onInconclusive(InconclusiveOutcome outcome) {
            onInconclusive = outcome;
            return this;
        }

        /** Job full-name globs, e.g. {@code team-a/**}. */
        public Builder allowedDeployers(String... globs) {
            for (String glob : globs) allowedDeployers.add(new JobPattern(glob));
            return this;
        }

        public Builder credential(String variable, String credentialsId) {
            credentials.add(new CredentialBinding(variable, credentialsId));
            return this;
        }

        /** @throws InvalidPolicyException when a field is invalid */
        public EnvironmentPolicy build() {
            return new EnvironmentPolicy(name, order, requires, approval, freezes, autoRollback, onInconclusive,
                    allowedDeployers, credentials);
        }
    }
}
