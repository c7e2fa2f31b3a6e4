package org.jenkinsci.plugins.workflow.steps;

import hudson.EnvVars;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.EnvironmentExpander}. {@code merge} behaves like the
 * real one (the original expands first, then the subsequent; sensitive variables are united), since unit
 * tests check what a block's environment becomes.
 */
public abstract class EnvironmentExpander implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract void expand(EnvVars env) throws IOException, InterruptedException;

    public Set<String> getSensitiveVariables() {
        return Set.of();
    }

    public static EnvironmentExpander merge(EnvironmentExpander original, EnvironmentExpander subsequent) {
        if (original == null) {
            return subsequent;
        }
        if (subsequent == null) {
            return original;
        }
        return new Merged(original, subsequent);
    }

    private static final class Merged extends EnvironmentExpander {
        private static final long serialVersionUID = 1L;
        private final EnvironmentExpander original;
        private final EnvironmentExpander subsequent;

        Merged(EnvironmentExpander original, EnvironmentExpander subsequent) {
            this.original = original;
            this.subsequent = subsequent;
        }

        @Override
        public void expand(EnvVars env) throws IOException, InterruptedException {
            original.expand(env);
            subsequent.expand(env);
        }

        @Override
        public Set<String> getSensitiveVariables() {
            Set<String> all = new LinkedHashSet<>(original.getSensitiveVariables());
            all.addAll(subsequent.getSensitiveVariables());
            return all;
        }
    }
}
