package io.releaseledger.cli;

import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.Approval;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.ReleaseTimeline;
import io.releaseledger.ledger.SampleRecord;
import io.releaseledger.release.Release;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code show}: one release with its full timeline. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one release: its record, every ledger event, the approvals and every health sample.",
        footerHeading = "%nExample:%n", footer = "  release-ledger show 42")
final class ShowCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RELEASE", description = "The release id.")
    long releaseId;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(Context ctx) {
        io.releaseledger.ledger.Ledger ledger = Render.holding(ctx, releaseId);
        Render.release(ledger, releaseId); // bad input for an unknown id
        ReleaseTimeline t = ledger.timeline(releaseId);
        if (ctx.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("release", Render.release(t.release()));
            m.put("events", t.events().stream().map(Render::event).toList());
            m.put("approvals", t.approvals().stream().map(Render::approval).toList());
            m.put("samples", t.samples().stream().map(Render::sample).toList());
            ctx.output().json(CanonicalJson.object(m));
            return ExitCode.OK;
        }
        Release r = t.release();
        Output out = ctx.output();
        out.result("release " + r.id() + ": " + r.coordinates() + " to " + r.environment() + " (" + r.mode().environmentValue() + ")");
        out.result("  state:      " + r.state() + (r.reason() == null || r.reason().isBlank() ? "" : " - " + r.reason()));
        if (r.freezeOverride() != null) {
            out.result("  FREEZE OVERRIDDEN: " + r.freezeOverride().describe() + " (at " + Render.time(r.freezeOverride().at())
                    + ")");
        }
        out.result("  digest:     " + r.digest().value());
        out.result("  requested:  " + Render.time(r.requestedAt()) + " by " + r.initiator() + " from " + r.origin());
        if (r.liveAt() != null) out.result("  live at:    " + Render.time(r.liveAt()));
        if (r.rollbackTargetId() != null) out.result("  rolled back to release " + r.rollbackTargetId());
        out.result("events:");
        for (LedgerEvent e : t.events()) {
            out.result(String.format("  #%-6d %s %-22s %-12s %s", e.seq(), Render.time(e.occurredAt()), e.type(), e.actor(), brief(e.payload())));
        }
        if (!t.approvals().isEmpty()) {
            out.result("approvals:");
            for (Approval a : t.approvals()) {
                out.result("  " + Render.time(a.decidedAt()) + " " + a.decision() + " by " + a.approver()
                        + (a.groups().isEmpty() ? "" : " (as " + String.join(", ", a.groups()) + ")")
                        + (a.comment() == null || a.comment().isBlank() ? "" : ": " + a.comment()));
            }
        }
        if (!t.samples().isEmpty()) {
            out.result("health samples:");
            for (SampleRecord s : t.samples()) {
                out.result("  " + s.phase().environmentValue() + " round " + s.sample().round() + " "
                        + Render.time(s.sample().takenAt()) + " " + s.sample().outcome() + " " + s.sample().check()
                        + ": " + s.sample().reason());
            }
        }
        return ExitCode.OK;
    }

    /** Long payloads (a request carries its whole plan) are cut for reading; --json has them whole. */
    static String brief(String payload) {
        return payload.length() <= 200 ? payload : payload.substring(0, 199) + "… (--json shows all)";
    }
}
