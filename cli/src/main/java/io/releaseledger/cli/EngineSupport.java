package io.releaseledger.cli;

import io.releaseledger.config.ReleaseLedgerFile;
import io.releaseledger.engine.EngineListener;
import io.releaseledger.engine.ReleaseEngine;
import io.releaseledger.environment.CredentialBinding;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.DirectProbeRunner;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.SecretResolver;
import io.releaseledger.health.Sleeper;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.ledger.LeaseOwner;
import io.releaseledger.notify.Notifier;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.secrets.SecretBinding;
import io.releaseledger.secrets.SecretMask;
import io.releaseledger.secrets.SecretReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the engine as the command line runs it, and resolves the secrets a deploy uses. */
final class EngineSupport {
    private EngineSupport() {}

    /** How often the command line looks again at pending approvals and a busy lease: cheap, and people are waiting. */
    static final Duration POLL = Duration.ofSeconds(1);

    /**
     * The secrets of one deploy: the environment's credential bindings (variable → value, for the
     * deploy command), the check credentials and the webhooks' URLs and headers; all resolved now, so a
     * missing one stops the deploy before anything is recorded, and all masked.
     */
    record Secrets(Map<String, String> variables, SecretMask mask, java.util.Set<String> withheld,
                   List<Webhooks.Resolved> webhooks) {}

    static Secrets resolve(Context ctx, EnvironmentPolicy policy, CheckOptions checks) {
        Map<SecretBinding, String> values = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        for (CredentialBinding binding : policy.credentials()) {
            String field = "environments." + policy.name() + ".credentials." + binding.variable();
            String value = SecretReference.parse(field, binding.credentialsId()).read(field, ctx.environment());
            values.put(new SecretBinding(binding.variable(), binding.credentialsId()), value);
            variables.put(binding.variable(), value);
        }
        // The ledger's own password is masked too, and its variable withheld from the deploy command:
        // a deploy has no business writing to the audit store behind the engine's back.
        java.util.Set<String> withheld = new java.util.LinkedHashSet<>();
        io.releaseledger.ledger.PasswordSource ledgerPassword = ctx.ledgerConfig().password();
        if (!(ledgerPassword instanceof io.releaseledger.ledger.PasswordSource.None)) {
            values.put(new SecretBinding("RELEASE_LEDGER_PASSWORD", ledgerPassword.describe()), ledgerPassword.read());
            if (ledgerPassword instanceof io.releaseledger.ledger.PasswordSource.FromEnvironment e) {
                withheld.add(e.variable());
            }
        }
        int n = 0;
        for (String ref : checks.secretReferences()) {
            String field = "check credentials " + ref;
            values.put(new SecretBinding("CHECK_CREDENTIAL_" + (++n), ref),
                    SecretReference.parse(field, ref).read(field, ctx.environment()));
        }
        List<Webhooks.Resolved> webhooks = Webhooks.resolve(
                ctx.configFile().map(ReleaseLedgerFile::webhooks).orElse(List.of()), ctx.environment());
        values.putAll(Webhooks.secrets(webhooks));
        withheld.addAll(Webhooks.variables(webhooks));
        return new Secrets(variables, values.isEmpty() ? SecretMask.none() : SecretMask.of(values), withheld, webhooks);
    }

    /** Variable naming the term of the environment lease a deploy holds (docs/cli.md). */
    static final String LEASE_TTL_VARIABLE = "RELEASE_LEDGER_LEASE_TTL";
    static final Duration DEFAULT_LEASE_TTL = io.releaseledger.ledger.LeaseTerms.DEFAULT_TTL;

    /**
     * The lease's term: 60 s, renewed every third of it, unless {@code $RELEASE_LEDGER_LEASE_TTL} says otherwise
     * (at least 3 s). A shorter term frees an environment sooner after its owner dies, at more renewals.
     */
    static Duration leaseTtl(Context ctx) {
        String text = ctx.environment().get(LEASE_TTL_VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT_LEASE_TTL;
        }
        Duration ttl = io.releaseledger.Durations.parse(LEASE_TTL_VARIABLE, text.strip());
        if (ttl.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new io.releaseledger.InvalidInputException(LEASE_TTL_VARIABLE, text, "use 3s or more, e.g. 60s");
        }
        return ttl;
    }

    /** Looks check credentials up when a probe needs them (env:NAME, file:/path). */
    static SecretResolver resolver(Context ctx) {
        return reference -> SecretReference.parse("check credentials", reference)
                .read("check credentials " + reference, ctx.environment()).toCharArray();
    }

    static ReleaseEngine engine(Context ctx, EnvironmentConfig environments, String user, SecretMask mask,
                                VerificationPlan plan, EngineListener extra) {
        return engine(ctx, environments, user, mask, plan, extra, notification -> { });
    }

    /** The engine, sending its notifications (rollbacks, approval requests) to {@code notifier}. */
    static ReleaseEngine engine(Context ctx, EnvironmentConfig environments, String user, SecretMask mask,
                                VerificationPlan plan, EngineListener extra, Notifier notifier) {
        // The ledger's time, so sample times and timeouts agree with what the ledger records.
        Clock clock = ctx.ledger().clock();
        HealthProbeRunner direct = new DirectProbeRunner(clock, resolver(ctx), mask::mask);
        Output output = ctx.output();
        Sleeper sleeper = Sleeper.on(clock);
        return ReleaseEngine.builder(ctx.ledger(), environments, new ReportingRunner(direct, output, plan))
                .clock(clock, wakeAt -> StopSignal.await(() -> {
                    sleeper.sleepUntil(wakeAt);
                    return null;
                }))
                // This process owns the lease: once it has exited, the next deploy here need not wait for its term.
                .owner(LeaseOwner.thisProcess(ctx.owner(user)))
                .leaseTtl(leaseTtl(ctx))
                .mask(mask)
                .pollInterval(POLL)
                .listener(new Narrator(output, extra, environments))
                .notifier(notifier)
                .build();
    }

    /** Tells people what the engine does, one line per move. */
    static final class Narrator implements EngineListener {
        private final Output output;
        private final EngineListener extra;
        private final EnvironmentConfig environments;

        Narrator(Output output, EngineListener extra, EnvironmentConfig environments) {
            this.output = output;
            this.extra = extra;
            this.environments = environments;
        }

        @Override
        public void moved(Release r) {
            output.endWait();
            output.info("release " + r.id() + " " + r.environment() + " " + r.coordinates() + ": " + r.state()
                    + (r.reason() == null || r.reason().isBlank() ? "" : " - " + r.reason()));
            if (r.state() == ReleaseState.REQUESTED && r.freezeOverride() != null) {
                output.info("  FREEZE OVERRIDDEN: " + r.freezeOverride().describe() + " (recorded with the release)");
            }
            if (r.state() == ReleaseState.AWAITING_APPROVAL) {
                output.info("  approve with: " + approveHint(r.id(), environments.find(r.environment())
                        .map(p -> p.approval().approvers()).orElse(java.util.Set.of())));
            } else if (r.state() == ReleaseState.VERIFYING || r.state() == ReleaseState.ROLLING_BACK) {
                output.waiting((r.state() == ReleaseState.VERIFYING ? "verifying " : "rolling back and verifying ")
                        + r.coordinates() + " in " + r.environment());
            }
            extra.moved(r);
        }

        @Override
        public void progress(Release r, String line) {
            if (line.startsWith("waiting")) {
                output.waiting(line.startsWith("waiting for " + r.environment()) ? line : r.environment() + ": " + line);
            } else {
                output.info(line);
            }
            extra.progress(r, line);
        }
    }

    /**
     * The approve command to give: {@code --as USER} naming the allowed users, and {@code --group GROUP} when the
     * policy admits groups — the tool has no directory to ask, so the approver says which group they decide as.
     */
    static String approveHint(long releaseId, java.util.Set<io.releaseledger.environment.Approver> approvers) {
        List<String> users = new java.util.ArrayList<>();
        List<String> groups = new java.util.ArrayList<>();
        for (io.releaseledger.environment.Approver a : approvers) {
            if (a instanceof io.releaseledger.environment.Approver.User u) {
                users.add(u.id());
            } else if (a instanceof io.releaseledger.environment.Approver.Group g) {
                groups.add(g.name());
            }
        }
        java.util.Collections.sort(users);
        java.util.Collections.sort(groups);
        String command = "release-ledger approve " + releaseId;
        String byUser = command + " --as " + (users.size() == 1 ? users.get(0) : "USER");
        String byGroup = command + " --as USER --group " + (groups.size() == 1 ? groups.get(0) : "GROUP");
        if (groups.isEmpty()) {
            return byUser + (users.size() > 1 ? "   (USER: one of " + String.join(", ", users) + ")" : "");
        }
        String groupNote = groups.size() > 1 ? "   (GROUP: one of " + String.join(", ", groups) + ")" : "";
        if (users.isEmpty()) {
            return byGroup + groupNote;
        }
        return byGroup + groupNote + ", or " + byUser
                + (users.size() > 1 ? "   (USER: one of " + String.join(", ", users) + ")" : "");
    }

    /** Prints each health sample as it is taken, and when the next round is due. */
    static final class ReportingRunner implements HealthProbeRunner {
        private final HealthProbeRunner delegate;
        private final Output output;
        private final Duration interval;
        private final List<HealthCheck> checks;

        ReportingRunner(HealthProbeRunner delegate, Output output, VerificationPlan plan) {
            this.delegate = delegate;
            this.output = output;
            this.interval = plan == null ? null : plan.policy().interval();
            this.checks = plan == null ? List.of() : plan.checks();
        }

        @Override
        public HealthSample probe(HealthCheck check) {
            Instant started = Instant.now();
            HealthSample s;
            try {
                s = StopSignal.probe(() -> delegate.probe(check));
            } catch (InterruptedException stopping) {
                // Stopped before this check's turn: the round ends here, and the release with it.
                return new HealthSample(check.name(), HealthSample.Outcome.INCONCLUSIVE, started, Duration.ZERO,
                        "not probed: " + stopping.getMessage(), null, null, 0);
            }
            output.info("  " + s.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + s.check() + " - " + s.reason());
            if (interval != null && !checks.isEmpty() && checks.get(0).name().equals(check.name())) {
                output.nextProbe(started.plus(interval));
            }
            return s;
        }
    }
}
