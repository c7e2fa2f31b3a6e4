package io.releaseledger.health;

import io.releaseledger.Inputs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a command without a shell: exit status 0 is healthy, anything else unhealthy. Standard output
 * and error are merged and their last 4 KiB kept with the sample (after masking). On timeout the
 * process and its descendants are killed.
 *
 * @param name             description shown with samples; derived from the command line when blank
 * @param argv             program and arguments, non-empty
 * @param workingDirectory where it runs, or {@code null} for the current directory
 * @param environment      variables added to the inherited environment
 * @param timeout          per-probe timeout, or {@code null} for the policy's
 */
public record CommandCheck(String name, List<String> argv, Path workingDirectory, Map<String, String> environment,
                           Duration timeout) implements HealthCheck {

    /** Validates every field. */
    public CommandCheck {
        if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
            throw new InvalidHealthCheckException("command", argv, "give the program and its arguments, e.g. [\"./smoke-test.sh\", \"staging\"]");
        }
        if (argv.stream().anyMatch(java.util.Objects::isNull)) throw new InvalidHealthCheckException("command", argv, "arguments cannot be null");
        argv = List.copyOf(argv);
        Map<String, String> env = new TreeMap<>();
        if (environment != null) {
            for (Map.Entry<String, String> e : environment.entrySet()) {
                if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0 || e.getKey().indexOf('\0') >= 0) {
                    throw new InvalidHealthCheckException("environment", e.getKey(), "a variable name is non-empty and has no '='");
                }
                if (e.getValue() == null) throw new InvalidHealthCheckException("environment." + e.getKey(), null, "give a value");
                env.put(e.getKey(), e.getValue());
            }
        }
        environment = Collections.unmodifiableMap(env);
        timeout = Inputs.positiveIfPresent("timeout", timeout, InvalidHealthCheckException.TIMEOUT_ALLOWED,
                InvalidHealthCheckException::new);
        if (name == null || name.isBlank()) name = String.join(" ", argv);
    }

    /** Runs {@code argv} in the current directory with the inherited environment and the policy's timeout. */
    static CommandCheck of(String... argv) {
        return new CommandCheck(null, List.of(argv), null, Map.of(), null);
    }

    /** The same command run in {@code directory}. */
    public CommandCheck inDirectory(Path directory) {
        return new CommandCheck(name, argv, directory, environment, timeout);
    }

    /** The same command with one more environment variable. */
    CommandCheck withEnvironment(String variable, String value) {
        Map<String, String> more = new TreeMap<>(environment);
        more.put(variable, value);
        return new CommandCheck(name, argv, workingDirectory, more, timeout);
    }

    /** The same check under another name. */
    CommandCheck named(String newName) {
        return new CommandCheck(newName, argv, workingDirectory, environment, timeout);
    }

    @Override
    public CommandCheck withTimeout(Duration newTimeout) {
        return new CommandCheck(name, argv, workingDirectory, environment, newTimeout);
    }
}
