package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.approval.Decision;
import io.releaseledger.engine.ReleaseEngine;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.Actor;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.secrets.SecretMask;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What approve and reject share: a person's decision on a release awaiting approval. */
abstract class DecideCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RELEASE", description = "The release id (shown by deploy and status).")
    long releaseId;

    @Option(names = "--as", required = true, paramLabel = "USER", description = "Who decides: a user id.")
    String as;

    @Option(names = "--group", paramLabel = "GROUP", description = "A group USER belongs to (repeatable).")
    List<String> groups = List.of();

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why; recorded with the decision.")
    String comment;

    abstract Decision decision();

    @Override
    int run(Context ctx) {
        Actor actor = ctx.actor(as);
        ctx.settleLostOwners(actor);
        Release release = Render.release(Render.holding(ctx, releaseId), releaseId);
        if (release.state() != ReleaseState.AWAITING_APPROVAL) {
            throw new InvalidInputException("RELEASE", Long.toString(releaseId), "release " + releaseId + " is "
                    + release.state() + ", not AWAITING_APPROVAL, so there is nothing to decide");
        }
        ReleaseEngine engine = EngineSupport.engine(ctx, ctx.requireEnvironments(), as, SecretMask.none(), null,
                new io.releaseledger.engine.EngineListener() {});
        ApprovalStatus status = engine.decide(releaseId, as, new LinkedHashSet<>(groups), decision(),
                comment == null ? "" : comment, actor);
        if (ctx.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("release", releaseId);
            m.put("decision", decision().name());
            m.put("by", as);
            m.put("status", status.describe());
            m.put("open", status.isOpen());
            ctx.output().json(CanonicalJson.object(m));
        } else {
            ctx.output().result((decision() == Decision.APPROVE ? "approved" : "rejected") + " release " + releaseId
                    + " (" + release.coordinates() + " to " + release.environment() + ") as " + as + ": " + status.describe());
        }
        return ExitCode.OK;
    }
}
