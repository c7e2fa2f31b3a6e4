package io.releaseledger.cli;

import io.releaseledger.Durations;
import io.releaseledger.InvalidInputException;
import io.releaseledger.health.BodyExpectation;
import io.releaseledger.health.CommandCheck;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.HttpCredentials;
import io.releaseledger.health.PrometheusCheck;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.secrets.SecretReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Health checks and the verification policy of a deploy or rollback, as options. Each check starts
 * with its kind's option ({@code --http-check}, {@code --prometheus}, {@code --check-command}); the
 * options after it, up to the next check, refine that check. Any number of checks may be given.
 * Secrets are references only ({@code env:NAME}, {@code file:/path}).
 */
public final class CheckOptions {

    /** One HTTP probe. */
    static final class Http {
        @Option(names = "--http-check", required = true, paramLabel = "URL",
                description = "Probe this http(s) URL with GET (starts an HTTP check).")
        String url;

        @Option(names = "--expect-status", paramLabel = "STATUSES",
                description = "Healthy statuses of the HTTP check before it: 200, 2xx, 200,204 or 200-299 (default 2xx).")
        String expectStatus;

        @Option(names = "--expect-body", paramLabel = "REGEX",
                description = "The HTTP check's body must contain a match of this Java regex.")
        String bodyRegex;

        @Option(names = "--expect-json", paramLabel = "POINTER=VALUE",
                description = "The HTTP check's JSON body at this RFC 6901 pointer must equal VALUE, e.g. /status=UP.")
        String jsonPointer;

        @Option(names = "--http-bearer", paramLabel = "REF",
                description = "Send 'Authorization: Bearer' with the token read from env:NAME or file:/path.")
        String bearer;

        @Option(names = "--http-basic", paramLabel = "USER:REF",
                description = "Basic authentication as USER with the password read from REF, e.g. probe:env:PROBE_PASS.")
        String basic;
    }

    /** One Prometheus query. */
    static final class Prometheus {
        @Option(names = "--prometheus", required = true, paramLabel = "SERVER",
                description = "Prometheus base URL (starts a Prometheus check; needs --query and --condition).")
        String server;

        @Option(names = "--query", required = true, paramLabel = "PROMQL", description = "The PromQL query; one series or a scalar.")
        String query;

        @Option(names = "--condition", required = true, paramLabel = "COND",
                description = "The value's test: '< 0.5', '<= 1', '> 0', '>= 99', '== 0' or '!= 0'.")
        String condition;

        @Option(names = "--prometheus-bearer", paramLabel = "REF",
                description = "Bearer token for Prometheus, read from env:NAME or file:/path.")
        String bearer;
    }

    /** One command. */
    static final class Command {
        @Option(names = "--check-command", required = true, paramLabel = "COMMAND",
                description = "Run COMMAND with /bin/sh -c; exit 0 is healthy. Its output is masked and kept.")
        String command;
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "HTTP checks:%n", order = 10)
    List<Http> http = new ArrayList<>();

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "Prometheus checks:%n", order = 20)
    List<Prometheus> prometheus = new ArrayList<>();

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "Command checks:%n", order = 30)
    List<Command> commands = new ArrayList<>();

    @Option(names = "--initial-delay", paramLabel = "DURATION", description = "Wait this long before the first probe (default 0s).")
    String initialDelay;

    @Option(names = "--interval", paramLabel = "DURATION", description = "From one probe round to the next (default 10s).")
    String interval;

    @Option(names = "--probe-timeout", paramLabel = "DURATION", description = "Longest one probe may take (default 5s).")
    String probeTimeout;

    @Option(names = "--success-threshold", paramLabel = "N", description = "Healthy rounds in a row to go LIVE (default 3).")
    Integer successThreshold;

    @Option(names = "--failure-threshold", paramLabel = "N", description = "Unhealthy rounds to call it UNHEALTHY (default 2).")
    Integer failureThreshold;

    @Option(names = "--bake-time", paramLabel = "DURATION", description = "Observe at least this long before HEALTHY (default 0s).")
    String bakeTime;

    @Option(names = "--max-duration", paramLabel = "DURATION",
            description = "Give up as INCONCLUSIVE after this long (default 5m; inconclusive counts as unhealthy unless the environment says otherwise).")
    String maxDuration;

    /** The checks, in the order HTTP, Prometheus, command (each kind in the order given). */
    List<HealthCheck> checks() {
        List<HealthCheck> checks = new ArrayList<>();
        for (Http h : http) {
            HttpCheck check = HttpCheck.of(h.url);
            if (h.expectStatus != null) check = check.expecting(h.expectStatus);
            if (h.bodyRegex != null && h.jsonPointer != null) {
                throw new InvalidInputException("--expect-json", h.jsonPointer,
                        "give either --expect-body or --expect-json for one HTTP check, not both");
            }
            if (h.bodyRegex != null) check = check.withBody(BodyExpectation.matches(h.bodyRegex));
            if (h.jsonPointer != null) {
                int eq = h.jsonPointer.indexOf('=');
                if (eq < 0) {
                    throw new InvalidInputException("--expect-json", h.jsonPointer,
                            "write POINTER=VALUE, e.g. /status=UP");
                }
                check = check.withBody(BodyExpectation.jsonPointer(h.jsonPointer.substring(0, eq),
                        h.jsonPointer.substring(eq + 1)));
            }
            if (h.bearer != null) {
                SecretReference.parse("--http-bearer", h.bearer);
                check = check.withCredentials(HttpCredentials.bearer(h.bearer));
            }
            if (h.basic != null) {
                int colon = h.basic.indexOf(':');
                if (colon <= 0) {
                    throw InvalidInputException.withoutValue("--http-basic",
                            "write USER:REF, e.g. probe:env:PROBE_PASSWORD (the password is read from REF)");
                }
                String ref = h.basic.substring(colon + 1);
                SecretReference.parse("--http-basic", ref);
                check = check.withCredentials(HttpCredentials.basic(h.basic.substring(0, colon), ref));
            }
            checks.add(check);
        }
        for (Prometheus p : prometheus) {
            PrometheusCheck check = PrometheusCheck.of(p.server, p.query, p.condition);
            if (p.bearer != null) {
                SecretReference.parse("--prometheus-bearer", p.bearer);
                check = check.withCredentials(HttpCredentials.bearer(p.bearer));
            }
            checks.add(check);
        }
        for (Command c : commands) {
            if (c.command == null || c.command.isBlank()) {
                throw new InvalidInputException("--check-command", c.command, "give a command, e.g. './smoke-test.sh staging'");
            }
            checks.add(new CommandCheck(c.command, List.of("/bin/sh", "-c", c.command), null, Map.of(), null));
        }
        return checks;
    }

    /** The verification policy: the defaults with what was given. */
    VerificationPolicy policy() {
        VerificationPolicy d = VerificationPolicy.DEFAULTS;
        return new VerificationPolicy(
                duration("--initial-delay", initialDelay, d.initialDelay()),
                duration("--interval", interval, d.interval()),
                duration("--probe-timeout", probeTimeout, d.probeTimeout()),
                successThreshold != null ? successThreshold : d.successThreshold(),
                failureThreshold != null ? failureThreshold : d.failureThreshold(),
                duration("--bake-time", bakeTime, d.bakeTime()),
                duration("--max-duration", maxDuration, d.maxDuration()));
    }

    /** Checks and policy, validated: every problem is bad input before anything is recorded. */
    public VerificationPlan plan() {
        return new VerificationPlan(checks(), policy());
    }

    /** The secret references the checks use, so they can be resolved (and masked) before deploying. */
    Set<String> secretReferences() {
        Set<String> refs = new LinkedHashSet<>();
        for (Http h : http) {
            if (h.bearer != null) refs.add(h.bearer);
            if (h.basic != null && h.basic.indexOf(':') > 0) refs.add(h.basic.substring(h.basic.indexOf(':') + 1));
        }
        for (Prometheus p : prometheus) {
            if (p.bearer != null) refs.add(p.bearer);
        }
        return refs;
    }

    private static Duration duration(String option, String text, Duration fallback) {
        return text == null ? fallback : Durations.parse(option, text);
    }
}
