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

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV", description = "Only this environment.")
    String environment;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(Context ctx) {
        Optional<Ledger> ledger = ctx.existingLedger();
        List<EnvironmentStatus> rows = new ArrayList<>(ledger.map(Ledger::dashboard).orElse(List.of()));
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
        if (ctx.json()) {
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
            ctx.output().json(CanonicalJson.object(Map.of("environments", out)));
            return ExitCode.OK;
        }
        if (ledger.isEmpty()) {
            ctx.output().info(ctx.noLedgerYet());
        }
        if (rows.isEmpty()) {
            ctx.output().result("no environments yet: create release-ledger.yaml with release-ledger init");
            return ExitCode.OK;
        }
        ctx.output().result(String.format("%-16s %-28s %-20s %-22s %s", "ENVIRONMENT", "LIVE", "DIGEST", "LIVE SINCE", "NOTES"));
        for (EnvironmentStatus s : rows) {
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
                Release.LostOwner lost = r.lostOwner();
                String gone = lost.ownerExitSeenAt() != null
                        ? "the process holding the lease, " + lost.leaseHolder() + ", exited (seen at "
                                + Render.time(lost.ownerExitSeenAt()) + ")"
                        : "the lease of " + lost.leaseHolder() + " expired at " + Render.time(lost.leaseExpiredAt());
                notes.add("release " + r.id() + " " + r.coordinates() + " INTERRUPTED: its owner stopped (" + gone
                        + "; recorded " + lost.recordedState() + " until the next command that writes)");
            }
            ctx.output().result(String.format("%-16s %-28s %-20s %-22s %s", s.name(),
                    live == null ? "(nothing live)" : live.coordinates() + " #" + live.id(),
                    live == null ? "-" : live.digest().shortForm(), live == null ? "-" : Render.time(live.liveAt()),
                    String.join("; ", notes)));
        }
        return ExitCode.OK;
    }
}
