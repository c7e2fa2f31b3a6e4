package io.releaseledger.plugin;

import hudson.EnvVars;
import hudson.util.Secret;
import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.CredentialBinding;
import io.releaseledger.plugin.credentials.ResolvedCredential;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * What the deploy body receives: the {@code RELEASE_*} variables and the environment's credential bindings,
 * resolved with the build's credentials just before the body starts, and a log filter masking every bound
 * secret. The two contexts are merged with the block's existing ones, as credentials-binding's
 * {@code withCredentials} does, and they keep the secrets only as {@link Secret} (encrypted when Jenkins stores
 * the program's state), never in the ledger.
 *
 * <p>How each credential kind is bound to the variable {@code VAR} of a binding:
 * <ul>
 *   <li>secret text: {@code VAR} = the secret;</li>
 *   <li>username with password: {@code VAR} = {@code user:password}, {@code VAR_USR} = user, {@code VAR_PSW} =
 *       password (as declarative's {@code credentials()} does);</li>
 *   <li>secret file: {@code VAR} = the path of a copy in the workspace's temporary folder on the agent, deleted
 *       when the body ends (needs {@code node}).</li>
 * </ul>
 */
final class BodyBindings {
    /** The plain variables (RELEASE_* and paths of secret files). */
    final Map<String, String> variables = new LinkedHashMap<>();
    /** The secret variables. */
    final Map<String, String> secrets = new LinkedHashMap<>();
    /** Files written for secret-file bindings, to delete when the body ends. */
    final List<String> files = new ArrayList<>();

    /** Where secret files are written for the body: the workspace's temporary folder on the agent. */
    interface SecretFiles {
        /** Writes the content to a new private file and returns its path. */
        String write(String fileName, byte[] content) throws IOException, InterruptedException;
    }

    private BodyBindings() {}

    /**
     * Resolves the bindings.
     *
     * @param files {@code null} when there is no workspace: a secret-file binding is then refused
     * @throws InvalidInputException naming the binding when its credential is missing or unusable
     */
    static BodyBindings resolve(String environment, Map<String, String> releaseVariables, List<CredentialBinding> bindings,
                                ResolvedCredential.Source credentials, SecretFiles files)
            throws IOException, InterruptedException {
        BodyBindings b = new BodyBindings();
        b.variables.putAll(releaseVariables);
        for (CredentialBinding binding : bindings) {
            ResolvedCredential c;
            try {
                c = credentials.find(binding.credentialsId());
            } catch (InvalidInputException e) {
                throw new InvalidInputException("environments." + environment + ".credentials." + binding.variable(),
                        binding.credentialsId(), e.getMessage());
            }
            if (c instanceof ResolvedCredential.SecretText t) {
                b.secrets.put(binding.variable(), t.secret());
            } else if (c instanceof ResolvedCredential.UsernamePassword up) {
                b.secrets.put(binding.variable(), up.username() + ":" + up.password());
                b.variables.put(binding.variable() + "_USR", up.username());
                b.secrets.put(binding.variable() + "_PSW", up.password());
            } else if (c instanceof ResolvedCredential.SecretFile f) {
                if (files == null) {
                    throw new InvalidInputException("environments." + environment + ".credentials." + binding.variable(),
                            binding.credentialsId(), "it is a secret file, which needs a workspace: call the step inside"
                            + " node { … }");
                }
                String path = files.write(f.fileName(), f.content());
                b.files.add(path);
                b.variables.put(binding.variable(), path);
            }
        }
        b.mask(); // refuses a secret too short to mask before the body runs
        return b;
    }

    /** The mask for every bound secret value. */
    SecretMask mask() {
        return SecretMask.ofValues(new LinkedHashSet<>(secrets.values()));
    }

    /** Every bound secret value, distinct, as {@link Secret}s (kept in the program's state, never in plain text). */
    List<Secret> secretValues() {
        List<Secret> values = new ArrayList<>();
        new LinkedHashSet<>(secrets.values()).forEach(v -> values.add(Secret.fromString(v)));
        return values;
    }

    EnvironmentExpander expander() {
        return new Variables(variables, secrets);
    }

    TaskListenerDecorator decorator() {
        return new Masking(new ArrayList<>(new LinkedHashSet<>(secrets.values())));
    }

    /**
     * Sets the body's variables; the secret ones are reported as sensitive (Pipeline warns on interpolation). Public:
     * Pipeline keeps a block's contexts in the program, written with JBoss Marshalling River.
     */
    public static final class Variables extends EnvironmentExpander {
        private static final long serialVersionUID = 1L;
        private final Map<String, String> plain;
        private final Map<String, Secret> secret = new LinkedHashMap<>();

        Variables(Map<String, String> plain, Map<String, String> secrets) {
            this.plain = new LinkedHashMap<>(plain);
            secrets.forEach((k, v) -> secret.put(k, Secret.fromString(v)));
        }

        @Override
        public void expand(EnvVars env) {
            env.putAll(plain);
            secret.forEach((k, v) -> env.put(k, v.getPlainText()));
        }

        @Override
        public Set<String> getSensitiveVariables() {
            return Set.copyOf(secret.keySet());
        }
    }

    /** Masks the bound secrets in the body's log with core's {@link SecretMask}. Public, as {@link Variables}. */
    public static final class Masking extends TaskListenerDecorator {
        private static final long serialVersionUID = 1L;
        private final List<Secret> values = new ArrayList<>();

        Masking(List<String> values) {
            values.forEach(v -> this.values.add(Secret.fromString(v)));
        }

        @Override
        public OutputStream decorate(OutputStream logger) {
            List<String> plain = new ArrayList<>();
            values.forEach(v -> plain.add(v.getPlainText()));
            return plain.isEmpty() ? logger : SecretMask.ofValues(plain).filter(logger);
        }
    }
}
