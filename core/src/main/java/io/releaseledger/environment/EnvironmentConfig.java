package io.releaseledger.environment;

import io.releaseledger.Inputs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every configured environment, in promotion order (by {@code order}, then name). Checks the rules that
 * span environments: names are unique (ignoring case, since they appear in URLs and commands), and each
 * {@code requires} names an environment that exists and comes strictly earlier — which also rules out cycles.
 */
public record EnvironmentConfig(List<EnvironmentPolicy> environments) {
    public EnvironmentConfig {
        List<EnvironmentPolicy> sorted = new ArrayList<>(Inputs.present("environments", environments,
                "a list of environments", InvalidPolicyException::new));
        sorted.sort(Comparator.comparingInt(EnvironmentPolicy::order).thenComparing(EnvironmentPolicy::name));
        environments = List.copyOf(sorted);
        Map<String, EnvironmentPolicy> byKey = new HashMap<>();
        for (EnvironmentPolicy env : environments) {
            EnvironmentPolicy clash = byKey.putIfAbsent(env.name().toLowerCase(Locale.ROOT), env);
            if (clash != null) {
                throw new InvalidPolicyException(env.name() + ".name", env.name(),
                        "the name is already used by " + InvalidPolicyException.quote(clash.name()),
                        "a name unique among environments, ignoring case");
            }
        }
        for (EnvironmentPolicy env : environments) {
            for (String required : env.requires()) {
                EnvironmentPolicy earlier = byKey.get(required.toLowerCase(Locale.ROOT));
                if (earlier == null || !earlier.name().equals(required)) {
                    throw new InvalidPolicyException(env.name() + ".requires", required,
                            InvalidPolicyException.quote(required) + " is not a configured environment",
                            "one of " + String.join(", ", names(environments)));
                }
                if (earlier.order() >= env.order()) {
                    throw new InvalidPolicyException(env.name() + ".requires", required,
                            InvalidPolicyException.quote(required) + " (order " + earlier.order() + ") does not come before "
                                    + env.name() + " (order " + env.order() + ")",
                            "environments with an order lower than " + env.order());
                }
            }
        }
    }

    /** The environment called {@code name} (exact spelling). */
    public EnvironmentPolicy environment(String name) {
        return find(name).orElseThrow(() -> new UnknownEnvironmentException(name, names()));
    }

    /** The environment called {@code name} (exact spelling), if configured. */
    public Optional<EnvironmentPolicy> find(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Environment names in promotion order. */
    public List<String> names() {
        return names(environments);
    }

    private static List<String> names(List<EnvironmentPolicy> environments) {
        return environments.stream().map(EnvironmentPolicy::name).toList();
    }
}
