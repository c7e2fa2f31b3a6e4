package io.releaseledger.cli;

import io.releaseledger.health.HealthSample;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Approval;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.ReleaseTimeline;
import io.releaseledger.ledger.SampleRecord;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code notes}: Markdown release notes of one release, built from its ledger timeline.
 *
 * <p>Interim: the web module is adding {@code io.releaseledger.release.ReleaseNotes} to core; once it is
 * merged this command should render that instead, so the console and the CLI write the same notes.
 */
@Command(name = "notes", mixinStandardHelpOptions = true,
        description = "Write Markdown release notes for a release: what, where, who asked, who approved, what the"
                + " health checks saw, and the timeline - from the ledger.",
        footerHeading = "%nExample:%n", footer = "  release-ledger notes 42 > release-42.md")
final class NotesCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RELEASE", description = "The release id.")
    long releaseId;

    @Override
    int run(Context ctx) {
        Render.release(ctx.ledger(), releaseId);
        String markdown = markdown(ctx.ledger().timeline(releaseId));
        if (ctx.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("release", releaseId);
            m.put("markdown", markdown);
            ctx.output().json(Json.object(m));
        } else {
            ctx.output().result(markdown);
        }
        return ExitCode.OK;
    }

    static String markdown(ReleaseTimeline t) {
        Release r = t.release();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(md(r.coordinates())).append(" to ").append(md(r.environment())).append("\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Release | ").append(r.id()).append(r.mode() == ReleaseMode.ROLLBACK ? " (manual rollback)" : "").append(" |\n");
        md.append("| State | **").append(r.state()).append("**").append(r.reason() == null || r.reason().isBlank()
                ? "" : ": " + md(r.reason())).append(" |\n");
        md.append("| Digest | `").append(r.digest().value()).append("` |\n");
        md.append("| Requested | ").append(Render.time(r.requestedAt())).append(" by ").append(md(r.initiator()))
                .append(" (").append(md(r.origin())).append(") |\n");
        if (r.liveAt() != null) md.append("| Live since | ").append(Render.time(r.liveAt())).append(" |\n");
        if (r.rollbackTargetId() != null) md.append("| Rolled back to | release ").append(r.rollbackTargetId()).append(" |\n");
        md.append('\n');
        if (!t.approvals().isEmpty()) {
            md.append("## Approvals\n\n");
            for (Approval a : t.approvals()) {
                md.append("- ").append(a.decision() == io.releaseledger.approval.Decision.APPROVE ? "Approved" : "Rejected")
                        .append(" by ").append(md(a.approver()))
                        .append(a.groups().isEmpty() ? "" : " (" + md(String.join(", ", a.groups())) + ")")
                        .append(" at ").append(Render.time(a.decidedAt()))
                        .append(a.comment() == null || a.comment().isBlank() ? "" : ": " + md(a.comment())).append('\n');
            }
            md.append('\n');
        }
        if (!t.samples().isEmpty()) {
            md.append("## Health verification\n\n| phase | check | healthy | unhealthy | inconclusive |\n|---|---|---|---|---|\n");
            Map<String, int[]> counts = new TreeMap<>();
            for (SampleRecord s : t.samples()) {
                int[] c = counts.computeIfAbsent(s.phase().environmentValue() + "\u0000" + s.sample().check(), k -> new int[3]);
                c[s.sample().outcome() == HealthSample.Outcome.HEALTHY ? 0
                        : s.sample().outcome() == HealthSample.Outcome.UNHEALTHY ? 1 : 2]++;
            }
            counts.forEach((key, c) -> {
                String[] parts = key.split("\u0000", 2);
                md.append("| ").append(parts[0]).append(" | ").append(md(parts[1])).append(" | ").append(c[0])
                        .append(" | ").append(c[1]).append(" | ").append(c[2]).append(" |\n");
            });
            md.append('\n');
        }
        md.append("## Timeline\n\n");
        for (LedgerEvent e : t.events()) {
            md.append("- ").append(Render.time(e.occurredAt())).append(' ').append(describe(e)).append(" (event ")
                    .append(e.seq()).append(", recorded by ").append(md(e.actor())).append(")\n");
        }
        return md.toString();
    }

    /** An event in words: a state change says from and to. */
    static String describe(LedgerEvent e) {
        String what = e.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        try {
            if (io.releaseledger.json.JsonReader.parse(e.payload()) instanceof Map<?, ?> p) {
                if (p.get("to") instanceof String to) {
                    return "**" + to + "**" + (p.get("reason") instanceof String why && !why.isBlank() ? ": " + md(why) : "");
                }
                if (p.get("decision") instanceof String decision) {
                    return what + " (" + md(decision) + ")";
                }
            }
        } catch (io.releaseledger.json.JsonReader.MalformedJsonException ignored) {
            // not JSON: the event type alone still says what happened
        }
        return what;
    }

    /** Escapes what Markdown would interpret in ledger text (names, reasons, comments). */
    static String md(String text) {
        if (text == null) return "";
        return text.replaceAll("([\\\\`*_{}\\[\\]()<>#+!|])", "\\\\$1").replace("\n", " ");
    }
}
