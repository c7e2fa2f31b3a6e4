package io.releaseledger.cli;

import io.releaseledger.engine.ReleaseEngine;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.Actor;
import io.releaseledger.notify.Notifier;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What deploy and rollback share: checks, the user's command, the engine run and how it ended. */
abstract class ReleaseCommand extends BaseCommand {

    @Mixin
    CheckOptions checks = new CheckOptions();

    @Option(names = "--as", paramLabel = "USER", description = "Who deploys (default: your user name).")
    String as;

    /** The engine call to make. */
    interface Run {
        Release run(ReleaseEngine engine, Actor actor, VerificationPlan plan, ShellDeployAction action) throws Exception;
    }

    int drive(Context ctx, String environment, List<String> command, Run run) throws Exception {
        EnvironmentConfig environments = ctx.requireEnvironments();
        EnvironmentPolicy policy = environments.environment(environment);
        DeployCommandCheck.require(command, ctx); // before anything is recorded: a command that cannot run is bad input
        VerificationPlan plan = checks.plan();
        EngineSupport.Secrets secrets = EngineSupport.resolve(ctx, policy, checks);
        ctx.mask(secrets.mask());
        Notifier notifier = Webhooks.notifier(secrets.webhooks(), secrets.mask());
        Actor actor = ctx.actor(as);
        long[] releaseId = {0};
        ReleaseEngine engine = EngineSupport.engine(ctx, environments, actor.name(), secrets.mask(), plan,
                new io.releaseledger.engine.EngineListener() {
                    @Override
                    public void moved(Release r) {
                        releaseId[0] = r.id();
                    }
                }, notifier);
        ShellDeployAction action = new ShellDeployAction(new ArrayList<>(command), secrets.variables(), secrets.mask(),
                ctx.output(), ctx.workingDirectory(), secrets.withheld());
        Release release;
        try (NotifierLog log = NotifierLog.to(ctx.output(), secrets.mask())) {
            release = StopSignal.drive(() -> {
                engine.defineEnvironments(actor);
                ctx.settleLostOwners(actor);
                return run.run(engine, actor, plan, action);
            });
        } catch (InterruptedException e) {
            StopSignal.Request stop = StopSignal.request();
            if (stop == null) {
                throw e;
            }
            return stopped(ctx, stop, releaseId[0]);
        }
        report(ctx, release);
        return ExitCode.of(release);
    }

    /**
     * After a stop signal: the engine ended the deploy command's process group, recorded the release ABORTED and
     * gave the lease back. Says so, as the ledger now has it, and exits 128 + the signal's number.
     */
    private static int stopped(Context ctx, StopSignal.Request stop, long releaseId) {
        String what;
        if (releaseId == 0) {
            what = "nothing was recorded";
        } else {
            Release r = ctx.ledger().release(releaseId);
            what = "release " + r.id() + " (" + r.coordinates() + " in " + r.environment() + ") is " + r.state()
                    + (r.state() == ReleaseState.ABORTED ? "; the deploy command was ended and the lease given back" : "");
        }
        ctx.output().failure("stopped by " + stop.describe() + ": " + what, null, stop.exitCode());
        return stop.exitCode();
    }

    static void report(Context ctx, Release r) {
        if (ctx.json()) {
            Map<String, Object> m = Render.release(r);
            m.put("exitCode", ExitCode.of(r));
            ctx.output().json(CanonicalJson.object(m));
            return;
        }
        String what = r.environment() + ": " + r.coordinates() + " (release " + r.id() + ") ";
        String result = switch (r.state()) {
            case LIVE, SUPERSEDED -> "is LIVE";
            case ROLLED_BACK -> "was rolled back to release " + r.rollbackTargetId() + ", which is live again";
            case ROLLBACK_FAILED -> "FAILED and so did its rollback: " + r.environment() + " is degraded";
            default -> "ended " + r.state();
        };
        ctx.output().result(what + result + (r.reason() == null || r.reason().isBlank() || r.state() == ReleaseState.LIVE
                ? "" : " - " + r.reason()));
    }
}
