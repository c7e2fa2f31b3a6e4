package io.releaseledger.cli;

import io.releaseledger.environment.UnknownEnvironmentException;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.EnvironmentStatus;
import io.releaseledger.release.Release;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.releaseledger.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code status}: what is live in each environment and what is under way. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show what is live in each environment (or one), what is in flight, pending approvals and"
                + " degraded environments. Reads the ledger only.",
        footerHeading = "%nExamples:%n",
        footer = {"  release-ledger status", "  release-ledger status production --json"})
final class StatusCommand extends BaseCommand {

    /** The table's columns: environment, live release, digest, live since, notes. */
    private static final String ROW = "%-16s %-28s %-20s %-22s %s";

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV", description = "Only this environment.")
    String environment;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(Context ctx) {
        Optional<Ledger> ledger = ctx.existingLedger();
        List<EnvironmentStatus> rows = rows(ctx, ledger.map(Ledger::dashboard).orElse(List.of()));
        if (ctx.json()) {
            ctx.output().json(json(rows));
            return ExitCode.OK;
        }
        if (ledger.isEmpty()) {
            ctx.output().info(ctx.noLedgerYet());
        }
        if (rows.isEmpty()) {
            ctx.output().result("no environments yet: create release-ledger.yaml with release-ledger init");
            return ExitCode.OK;
        }
        ctx.output().result(String.format(ROW, "ENVIRONMENT", "LIVE", "DIGEST", "LIVE SINCE", "NOTES"));
        for (EnvironmentStatus s : rows) {
            ctx.output().result(line(s));
        }
        return ExitCode.OK;
    }

    /** The environments to show: those {@code recorded}, then the configured ones, or only {@link #environment}. */
    private List<EnvironmentStatus> rows(Context ctx, List<EnvironmentStatus> recorded) {
        List<EnvironmentStatus> rows = new ArrayList<>(recorded);
        // Configured environments nothing was deployed to yet are shown too: a new user sees their setup.
        for (String name : ctx.environments().names()) {
            if (rows.stream().noneMatch(r -> r.name().equals(name))) {
                rows.add(new EnvironmentStatus(name, Integer.MAX_VALUE, false, null, null, List.of()));
            }
        }
        if (environment != null) {
            List<String> known = rows.stream().map(EnvironmentStatus::name).toList();
            rows.removeIf(r -> !r.name().equals(environment));
            if (rows.isEmpty()) {
                throw new UnknownEnvironmentException(environment, known);
            }
        }
        return rows;
    }

    /** The output of {@code --json}: one object per environment. */
    private static String json(List<EnvironmentStatus> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EnvironmentStatus s : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("environment", s.name());
            m.put("degraded", s.degraded());
            m.put("degradedReason", s.degradedReason());
            m.put("live", s.live() == null ? null : Render.release(s.live()));
            m.put("inFlight", Render.releases(s.inFlight()));
            m.put("interrupted", Render.releases(s.interrupted()));
            m.put("pendingApprovals", s.pendingApprovals());
            out.add(m);
        }
        return CanonicalJson.object(Map.of("environments", out));
    }

    /** The environment's row of the table. */
    private static String line(EnvironmentStatus s) {
        Release live = s.live();
        return String.format(ROW, s.name(),
                live == null ? "(nothing live)" : live.coordinates() + " #" + live.id(),
                live == null ? "-" : live.digest().shortForm(), live == null ? "-" : Render.time(live.liveAt()),
                String.join("; ", notes(s)));
    }

    /** What needs attention in the environment: degraded, a freeze overridden, releases under way or stopped. */
    private static List<String> notes(EnvironmentStatus s) {
        Release live = s.live();
        List<String> notes = new ArrayList<>();
        if (s.degraded()) notes.add("DEGRADED: " + s.degradedReason());
        if (live != null && live.freezeOverride() != null) {
            notes.add("live through a FREEZE OVERRIDE: " + live.freezeOverride().describe());
        }
        for (Release r : s.inFlight()) {
            notes.add("release " + r.id() + " " + r.coordinates() + " " + r.state()
                    + (r.freezeOverride() == null ? "" : " (FREEZE OVERRIDDEN by " + r.freezeOverride().by() + ")"));
        }
        for (Release r : s.interrupted()) {
            notes.add(interruptedNote(r));
        }
        return notes;
    }

    /** Why the release stopped: its owner's process exited, or its lease expired. */
    private static String interruptedNote(Release r) {
        Release.LostOwner lost = r.lostOwner();
        String gone = lost.ownerExitSeenAt() != null
                ? "the process holding the lease, " + lost.leaseHolder() + ", exited (seen at "
                        + Render.time(lost.ownerExitSeenAt()) + ")"
                : "the lease of " + lost.leaseHolder() + " expired at " + Render.time(lost.leaseExpiredAt());
        return "release " + r.id() + " " + r.coordinates() + " INTERRUPTED: its owner stopped (" + gone
                + "; recorded " + lost.recordedState() + " until the next command that writes)";
    }
}
