package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.Descriptor;
import io.releaseledger.health.CommandCheck;
import io.releaseledger.health.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code commandCheck(command: ['./smoke-test.sh', 'staging'])}: core's {@link CommandCheck} — a program and its
 * arguments, no shell; exit 0 is healthy. Runs where the probes run: on the agent inside {@code node}, in the
 * workspace when there is one.
 */
public final class CommandCheckSpec extends HealthCheckSpec {
    private static final long serialVersionUID = 1L;

    private final List<String> command;

    @DataBoundConstructor
    public CommandCheckSpec(List<String> command) {
        this.command = command == null ? List.of() : new ArrayList<>(command);
    }

    public List<String> getCommand() {
        return List.copyOf(command);
    }

    /** The command as the Snippet Generator's form shows it: one argument per line. */
    public String getCommandLines() {
        return String.join("\n", command);
    }

    @Override
    public HealthCheck toCheck() {
        CommandCheck check = new CommandCheck(getName(), command, null, Map.of(), null);
        if (getTimeout() != null) check = check.withTimeout(timeoutDuration());
        return check;
    }

    @Extension
    @Symbol("commandCheck")
    public static final class DescriptorImpl extends Descriptor<HealthCheckSpec> {
        @Override
        public String getDisplayName() {
            return Messages.CommandCheckSpec_DisplayName();
        }

        /** The form gives the command as text, one argument per line (as {@code withEnv}'s form does). */
        @Override
        public HealthCheckSpec newInstance(StaplerRequest2 req, JSONObject formData) {
            CommandCheckSpec spec = new CommandCheckSpec(HealthCheckSpec.lines(formData.optString("command")));
            spec.setName(formData.optString("name"));
            spec.setTimeout(formData.optString("timeout"));
            return spec;
        }
    }
}
