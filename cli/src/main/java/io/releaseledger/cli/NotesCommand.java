package io.releaseledger.cli;

import io.releaseledger.artifact.Artifact;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.ReleaseTimeline;
import io.releaseledger.notes.ReleaseNotes;
import io.releaseledger.release.Release;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code notes}: Markdown release notes of one release: core's {@link ReleaseNotes}, from the ledger alone.
 *
 * <p>Interim: the web module is adding {@code io.releaseledger.notes.ReleaseNotes} to core; once it is
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
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(Context ctx) {
        Ledger ledger = Render.holding(ctx, releaseId);
        Render.release(ledger, releaseId);
        String markdown = markdown(ledger, releaseId);
        if (ctx.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("release", releaseId);
            m.put("markdown", markdown);
            ctx.output().json(CanonicalJson.object(m));
        } else {
            ctx.output().result(markdown);
        }
        return ExitCode.OK;
    }

    /** The engine's release notes, with the release live before this one as "what changed". */
    static String markdown(Ledger ledger, long releaseId) {
        ReleaseTimeline t = ledger.timeline(releaseId);
        Release r = t.release();
        Artifact artifact = ledger.artifact(r.artifactName(), r.version()).orElse(null);
        Release previous = ledger.lastKnownGood(r.environment(), r.id()).orElse(null);
        return ReleaseNotes.markdown(t, artifact, previous);
    }
}
