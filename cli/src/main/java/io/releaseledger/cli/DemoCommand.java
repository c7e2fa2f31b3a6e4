package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.approval.Decision;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.config.ReleaseLedgerYaml;
import io.releaseledger.engine.DeployAction;
import io.releaseledger.engine.DeployRequest;
import io.releaseledger.engine.EngineListener;
import io.releaseledger.engine.ReleaseEngine;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.health.DirectProbeRunner;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.ChainVerification;
import io.releaseledger.ledger.EnvironmentStatus;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.promotion.PromotionRefusedException;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.web.LedgerWeb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole product in a few seconds, with nothing to set up. It runs the real engine
 * against a real (embedded) ledger and a real HTTP service, and checks every outcome it narrates.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a complete release flow against a sample service on 127.0.0.1, with an embedded ledger in a"
                + " temporary directory (or --dir): register three versions, promote 1.0.0 through staging to production"
                + " (production needs staging first and bob's approval), ship 1.1.0, then ship a broken 1.2.0 that is"
                + " rolled back automatically; print each environment's history and verify the audit chain.",
                "Exit 0 only if every expectation held."},
        footerHeading = "%nExamples:%n",
        footer = {"  release-ledger demo",
                "  release-ledger demo --dir /tmp/rl-demo --serve    (then open the URL printed)"})
final class DemoCommand extends BaseCommand {
    static final String ARTIFACT = "demo-app";
    static final String V1 = "1.0.0";
    static final String V2 = "1.1.0";
    static final String V3 = "1.2.0";

    @Option(names = "--dir", paramLabel = "DIR", description = "Keep the demo's ledger here (default: a temporary directory, removed afterwards).")
    Path dir;

    @Option(names = "--serve", description = "Afterwards, serve the web console on the demo ledger until Ctrl-C.")
    boolean serve;

    @Option(names = "--port", paramLabel = "PORT", description = "Port for --serve (default 0: any free port).")
    int port;

    private final List<String> failures = new ArrayList<>();
    private Output out;
    private int step;

    @Override
    int run(Context ctx) throws Exception {
        out = ctx.output();
        boolean temporary = dir == null;
        Path home = temporary ? Files.createTempDirectory("release-ledger-demo-") : ctx.workingDirectory().resolve(dir);
        Files.createDirectories(home);
        if (!temporary && Files.exists(home.resolve("ledger.mv.db"))) {
            throw new InvalidInputException("--dir", home.toString(),
                    "it already holds a ledger; the demo starts from an empty one: give a new or empty directory");
        }
        try (SampleService service = SampleService.start(); Ledger ledger = Ledger.open(Context.embedded(home))) {
            out.info("release-ledger demo: ledger in " + home + (temporary ? " (temporary)" : "")
                    + "; sample service at " + service.healthUrl());
            play(ledger, service);
            boolean passed = failures.isEmpty();
            if (ctx.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("passed", passed);
                m.put("failures", failures);
                m.put("ledger", home.toString());
                ctx.output().json(CanonicalJson.object(m));
            } else {
                out.result(passed ? "demo passed: every expectation held"
                        : "demo FAILED: " + failures.size() + " expectation(s) did not hold: " + String.join("; ", failures));
            }
            if (serve) {
                Server server = WebConsole.start(new LedgerWeb(ledger), "127.0.0.1", port);
                out.result("serving the demo ledger at " + WebConsole.url(server) + " (read-only; Ctrl-C to stop; the ledger"
                        + " stays in " + home + ")");
                StopSignal.onStop(() -> WebConsole.stop(server));
                server.join();
            }
            return passed ? ExitCode.OK : ExitCode.FAILED;
        } finally {
            if (temporary && !serve) {
                delete(home);
            }
        }
    }

    private void play(Ledger ledger, SampleService service) throws Exception {
        Actor alice = new Actor("alice", Context.origin());
        // Written as a release-ledger.yaml would be (docs/environment-policy.md), and read the same way.
        EnvironmentConfig environments = ReleaseLedgerYaml.parse(String.join("\n",
                "environments:",
                "  staging: {}",
                "  production:",
                "    requires: [staging]",
                "    approval: {required: 1, approvers: [bob]}",
                ""), "the demo's release-ledger.yaml").environments();
        List<String> approvedBy = new ArrayList<>();
        ReleaseEngine engine = engineWhereBobApproves(ledger, environments, approvedBy);
        engine.defineEnvironments(alice);
        register(ledger, alice);

        // Fast verification so the demo takes seconds: a probe every 200ms, 3 healthy in a row to go live.
        VerificationPlan plan = new VerificationPlan(List.of(HttpCheck.of(service.healthUrl()).expecting("200")),
                VerificationPolicy.DEFAULTS.withInterval(Duration.ofMillis(200)).withThresholds(3, 2)
                        .withMaxDuration(Duration.ofSeconds(10)));
        DeployAction action = d -> service.deploy(d.artifact().version(), !d.artifact().version().equals(V3));
        Deploys deploy = (env, version) -> engine.deploy(request(env, version, alice, plan), action);

        promoteTheGoodVersions(deploy, approvedBy);
        rollBackTheBrokenVersion(deploy, ledger, service);
        refuseWhatStagingNeverVerified(deploy, ledger);
        showHistoriesAndVerifyTheChain(ledger, environments);
    }

    /** Deploys a version of the demo artifact to an environment through the engine. */
    @FunctionalInterface
    private interface Deploys {
        Release to(String environment, String version) throws InterruptedException;
    }

    /** An engine on {@code ledger} where bob approves as soon as a release waits for him, noting it in {@code approvedBy}. */
    private static ReleaseEngine engineWhereBobApproves(Ledger ledger, EnvironmentConfig environments, List<String> approvedBy) {
        Actor bob = new Actor("bob", Context.origin());
        // The engine polls the ledger while it waits, so an approval given from its listener lets it carry on.
        AtomicReference<ReleaseEngine> engineRef = new AtomicReference<>();
        EngineListener bobApproves = new EngineListener() {
            @Override
            public void moved(Release r) {
                if (r.state() == ReleaseState.AWAITING_APPROVAL) {
                    engineRef.get().decide(r.id(), "bob", Set.of(), Decision.APPROVE, "looks good in staging", bob);
                    approvedBy.add("bob");
                }
            }
        };
        ReleaseEngine engine = ReleaseEngine.builder(ledger, environments, new DirectProbeRunner(Clock.systemUTC()))
                .owner("demo@" + Context.hostName())
                .pollInterval(Duration.ofMillis(100))
                .leaseTtl(Duration.ofSeconds(30))
                .listener(bobApproves)
                .build();
        engineRef.set(engine);
        return engine;
    }

    private void register(Ledger ledger, Actor alice) {
        for (String v : List.of(V1, V2, V3)) {
            ledger.registerArtifact(new ArtifactRegistration(ARTIFACT, v,
                    Digest.sha256(("demo-app " + v).getBytes(StandardCharsets.UTF_8)), ArtifactKind.OTHER,
                    "demo://" + ARTIFACT + "/" + v, new ArtifactSource(null, null, null)), alice);
        }
        Artifact first = ledger.artifact(ARTIFACT, V1).orElseThrow();
        say("registered " + ARTIFACT + " " + V1 + ", " + V2 + ", " + V3 + " by digest (" + V1 + " is "
                + first.digest().shortForm() + ")");
    }

    /** V1 through staging to production (with bob's approval), then V2 the same way. */
    private void promoteTheGoodVersions(Deploys deploy, List<String> approvedBy) throws InterruptedException {
        Release r = deploy.to("staging", V1);
        expect(r.state() == ReleaseState.LIVE, "staging " + V1 + " LIVE", r);
        say("staging: " + V1 + " deployed, 3 healthy probes in a row: " + r.state() + " (release " + r.id() + ")");

        approvedBy.clear();
        r = deploy.to("production", V1);
        expect(approvedBy.equals(List.of("bob")), "bob approved production " + V1, r);
        expect(r.state() == ReleaseState.LIVE, "production " + V1 + " LIVE", r);
        say("production: " + V1 + " passed staging, waited for approval, approved by bob: " + r.state()
                + " (release " + r.id() + ")");

        r = deploy.to("staging", V2);
        expect(r.state() == ReleaseState.LIVE, "staging " + V2 + " LIVE", r);
        say("staging: " + V2 + " healthy: " + r.state() + " (release " + r.id() + "; " + V1 + " is now SUPERSEDED)");

        r = deploy.to("production", V2);
        expect(r.state() == ReleaseState.LIVE, "production " + V2 + " LIVE", r);
        say("production: " + V2 + " approved by bob: " + r.state() + " (release " + r.id() + ")");
    }

    /** V3 answers 503 in staging: unhealthy, rolled back to V2 automatically. */
    private void rollBackTheBrokenVersion(Deploys deploy, Ledger ledger, SampleService service) throws InterruptedException {
        Release r = deploy.to("staging", V3);
        expect(r.state() == ReleaseState.ROLLED_BACK, "staging " + V3 + " ROLLED_BACK", r);
        expect(V2.equals(live(ledger, "staging")), "staging runs " + V2 + " again after the rollback", r);
        expect(V2.equals(service.version()), "the service runs " + V2 + " again", r);
        say("staging: " + V3 + " answered 503, UNHEALTHY after 2 failed probes, rolled back automatically: "
                + r.state() + " (release " + r.id() + "); " + live(ledger, "staging") + " is live again");
    }

    /** Production refuses V3, which was never live in staging, before anything runs. */
    private void refuseWhatStagingNeverVerified(Deploys deploy, Ledger ledger) throws InterruptedException {
        try {
            deploy.to("production", V3);
            expect(false, "production refuses " + V3 + " (never live in staging)", null);
        } catch (PromotionRefusedException refused) {
            expect(refused.rule() == PromotionRefusedException.Rule.REQUIRES_NOT_MET, "production refuses " + V3, null);
            say("production: " + V3 + " refused before anything ran - " + refused.getMessage());
        }
        expect(V2.equals(live(ledger, "production")), "production still runs " + V2, null);
    }

    private void showHistoriesAndVerifyTheChain(Ledger ledger, EnvironmentConfig environments) {
        for (String env : environments.names()) {
            say("history of " + env + ":");
            HistoryCommand.print(out, env, ledger.history(env, null, 20), 20);
        }
        ChainVerification chain = ledger.verifyChain();
        expect(chain.intact(), "the audit chain verifies", null);
        say(chain.toString());
    }

    private static DeployRequest request(String env, String version, Actor actor, VerificationPlan plan) {
        return new DeployRequest(env, ARTIFACT, version, actor, null, plan, null, null);
    }

    private static String live(Ledger ledger, String env) {
        return ledger.dashboard().stream().filter(s -> s.name().equals(env)).findFirst()
                .map(EnvironmentStatus::live).map(Release::version).orElse(null);
    }

    private void say(String line) {
        out.info("[" + (++step) + "] " + line);
    }

    private void expect(boolean held, String what, Release r) {
        if (!held) {
            String got = r == null ? "" : " (release " + r.id() + " ended " + r.state()
                    + (r.reason() == null ? "" : ": " + r.reason()) + ")";
            failures.add(what + got);
            out.info("    EXPECTED " + what + got);
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
