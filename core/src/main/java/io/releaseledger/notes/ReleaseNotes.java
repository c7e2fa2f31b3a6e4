package io.releaseledger.notes;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseledger.approval.Decision;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.health.HealthSample;
import io.releaseledger.internal.JsonTrees;
import io.releaseledger.ledger.Approval;
import io.releaseledger.ledger.EventType;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.ReleaseTimeline;
import io.releaseledger.ledger.SampleRecord;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Release notes in Markdown for one release, from what the ledger recorded: what was deployed where
 * and when, by whom, approved by whom, the digest and how to check it, the verification evidence and
 * what changed since the previous release of the environment. Pure: no I/O, no clock.
 *
 * <p>Every value that came from a person or a pipeline is escaped, so the notes render as the text
 * that was recorded wherever they are pasted (a Markdown renderer never sees HTML or links in them).
 */
public final class ReleaseNotes {
    /** How many failing samples the notes list one by one; the rest are counted. */
    static final int FAILURES_LISTED = 10;

    /** A commit message's summary is cut here: the notes list changes, the commit holds the details. */
    static final int MESSAGE_CHARS = 200;

    private ReleaseNotes() {}

    /**
     * One SCM change that went into a release, as the build system reported it. Every value may be {@code null}
     * (an SCM without commit ids, an author nobody could resolve).
     *
     * @param build the build the change came in with, e.g. {@code team-a/payments#8}
     */
    public record Change(String commitId, String author, String message, String build) {}

    /**
     * The SCM changes between the build of the previous live release and this release's, collected by the caller
     * (core knows no build system).
     *
     * @param changes oldest first
     * @param remark  one line to show after them, e.g. why the list is cut or why there is none; or {@code null}
     */
    public record ScmChanges(List<Change> changes, String remark) {
        public ScmChanges {
            changes = List.copyOf(changes);
        }

        /** No list, only the reason there is none. */
        public static ScmChanges unavailable(String why) {
            return new ScmChanges(List.of(), why);
        }
    }

    /**
     * The notes of {@code timeline}'s release.
     *
     * @param artifact the registered artifact the release deployed, or {@code null} if the ledger no longer has it
     * @param previous the release that was live in the environment before this one (the newest once-live
     *                 release older than it), or {@code null} for the environment's first
     */
    public static String markdown(ReleaseTimeline timeline, Artifact artifact, Release previous) {
        return markdown(timeline, artifact, previous, null);
    }

    /**
     * The notes with a section of SCM changes after the comparison with the previous release.
     *
     * @param scm the changes between the two releases' builds, or {@code null} to leave the section out (the
     *            command line has no build system to ask)
     */
    public static String markdown(ReleaseTimeline timeline, Artifact artifact, Release previous, ScmChanges scm) {
        Objects.requireNonNull(timeline, "timeline");
        Release r = timeline.release();
        StringBuilder md = new StringBuilder();
        md.append("# Release ").append(r.id()).append(": ").append(text(r.artifactName())).append(' ')
                .append(text(r.version())).append(" in ").append(text(r.environment())).append("\n\n");
        if (r.freezeOverride() != null) {
            // An emergency override is what an auditor looks for first: it leads the notes.
            io.releaseledger.promotion.FreezeOverride f = r.freezeOverride();
            md.append("> **Freeze overridden:** deployed through freeze window ").append(code(f.freeze()))
                    .append(f.frozenUntil() == null ? "" : " (frozen until " + time(f.frozenUntil()) + ")")
                    .append(" on the emergency override of ").append(text(f.by())).append(" at ").append(time(f.at()))
                    .append(" — ").append(text(f.reason())).append("\n\n");
        }
        summary(md, timeline);
        artifact(md, r, artifact);
        approvals(md, timeline.approvals());
        stateChanges(md, timeline.events());
        evidence(md, timeline.samples());
        changes(md, r, previous);
        if (scm != null) {
            scmChanges(md, scm);
        }
        return md.toString();
    }

    private static void summary(StringBuilder md, ReleaseTimeline t) {
        Release r = t.release();
        md.append("- **State:** ").append(r.state());
        if (r.reason() != null && !r.reason().isBlank()) {
            md.append(" — ").append(text(r.reason()));
        }
        md.append('\n');
        md.append("- **Mode:** ").append(r.mode().environmentValue()).append('\n');
        md.append("- **Requested by:** ").append(text(r.initiator())).append(" at ").append(time(r.requestedAt()))
                .append(" from ").append(code(r.origin())).append('\n');
        Instant deployed = firstMove(t.events(), ReleaseState.DEPLOYING);
        if (deployed != null) {
            md.append("- **Deployed:** ").append(time(deployed)).append('\n');
        }
        if (r.liveAt() != null) {
            md.append("- **Live since:** ").append(time(r.liveAt())).append('\n');
        }
        if (r.rollbackTargetId() != null) {
            md.append("- **Rolled back to:** release ").append(r.rollbackTargetId()).append('\n');
        }
        md.append('\n');
    }

    private static void artifact(StringBuilder md, Release r, Artifact a) {
        md.append("## Artifact\n\n");
        md.append("- **Name and version:** ").append(code(r.artifactName())).append(' ').append(code(r.version()))
                .append('\n');
        md.append("- **Digest:** ").append(code(r.digest().value())).append('\n');
        if (a == null) {
            md.append("- The ledger holds no registration for this artifact version.\n\n");
            return;
        }
        md.append("- **Kind:** ").append(a.kind()).append('\n');
        if (a.location() != null) {
            md.append("- **Location:** ").append(code(a.location())).append('\n');
        }
        if (a.source() != null && a.source().job() != null) {
            md.append("- **Built by:** job ").append(code(a.source().job()));
            if (a.source().build() != null) {
                md.append(", build ").append(code(a.source().build()));
            }
            if (a.source().revision() != null) {
                md.append(", revision ").append(code(a.source().revision()));
            }
            md.append('\n');
        }
        md.append("- **Registered by:** ").append(text(a.registeredBy())).append(" at ").append(time(a.registeredAt()))
                .append("\n\n");
        md.append("### Checking the digest\n\n");
        if (a.kind() == ArtifactKind.FILE) {
            md.append("Compute the SHA-256 of the file and compare it with the digest above:\n\n")
                    .append(fence("sha256sum " + shellWord(fileName(a.location(), r.artifactName()))))
                    .append("\nIt must print ").append(code(r.digest().hex())).append(".\n\n");
        } else if (a.kind() == ArtifactKind.CONTAINER_IMAGE) {
            md.append("Pull or run the image by digest, never by tag, so the registry can only serve these bytes:\n\n")
                    .append(fence("docker pull " + shellWord(imageRepository(a.location(), r.artifactName())
                            + "@" + r.digest().value())))
                    .append('\n');
        } else {
            md.append("Compute the SHA-256 of the artifact the way the pipeline did and compare it with ")
                    .append(code(r.digest().value())).append(".\n\n");
        }
    }

    private static void approvals(StringBuilder md, List<Approval> approvals) {
        md.append("## Approvals\n\n");
        if (approvals.isEmpty()) {
            md.append("No approval was recorded for this release.\n\n");
            return;
        }
        for (Approval a : approvals) {
            md.append("- ").append(a.decision() == Decision.APPROVE ? "Approved" : "Rejected").append(" by ")
                    .append(text(a.approver()));
            if (!a.groups().isEmpty()) {
                md.append(" (as ").append(text(String.join(", ", a.groups().stream().sorted().toList()))).append(')');
            }
            md.append(" at ").append(time(a.decidedAt()));
            if (a.comment() != null && !a.comment().isBlank()) {
                md.append(": “").append(text(a.comment())).append('”');
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void stateChanges(StringBuilder md, List<LedgerEvent> events) {
        md.append("## Timeline\n\n");
        for (LedgerEvent e : events) {
            if (e.type() == EventType.RELEASE_REQUESTED) {
                md.append("- ").append(time(e.occurredAt())).append(" requested by ").append(text(e.actor())).append('\n');
            } else if (e.type() == EventType.RELEASE_STATE_CHANGED) {
                Map<String, Object> p = payload(e);
                md.append("- ").append(time(e.occurredAt())).append(' ').append(text(str(p.get("from"))))
                        .append(" → **").append(text(str(p.get("to")))).append("** by ").append(text(e.actor()));
                String reason = str(p.get("reason"));
                if (reason != null && !reason.isBlank()) {
                    md.append(": ").append(text(reason));
                }
                md.append('\n');
            }
        }
        md.append('\n');
    }

    private static void evidence(StringBuilder md, List<SampleRecord> samples) {
        md.append("## Verification evidence\n\n");
        if (samples.isEmpty()) {
            md.append("No health sample was recorded.\n\n");
            return;
        }
        Map<ReleaseMode, List<SampleRecord>> byPhase = new EnumMap<>(ReleaseMode.class);
        for (SampleRecord s : samples) {
            byPhase.computeIfAbsent(s.phase(), k -> new java.util.ArrayList<>()).add(s);
        }
        byPhase.forEach((phase, list) -> {
            Map<HealthSample.Outcome, Integer> counts = new EnumMap<>(HealthSample.Outcome.class);
            Map<String, Integer> checks = new LinkedHashMap<>();
            for (SampleRecord s : list) {
                counts.merge(s.sample().outcome(), 1, Integer::sum);
                checks.merge(s.sample().check(), 1, Integer::sum);
            }
            md.append("### ").append(phase == ReleaseMode.DEPLOY ? "Deploy" : "Rollback").append(" verification\n\n");
            md.append(list.size()).append(list.size() == 1 ? " sample from " : " samples from ")
                    .append(time(list.get(0).sample().takenAt())).append(" to ")
                    .append(time(list.get(list.size() - 1).sample().takenAt())).append(": ")
                    .append(counts.getOrDefault(HealthSample.Outcome.HEALTHY, 0)).append(" healthy, ")
                    .append(counts.getOrDefault(HealthSample.Outcome.UNHEALTHY, 0)).append(" unhealthy, ")
                    .append(counts.getOrDefault(HealthSample.Outcome.INCONCLUSIVE, 0)).append(" inconclusive.\n\n");
            checks.forEach((check, n) -> md.append("- ").append(code(check)).append(": ").append(n)
                    .append(n == 1 ? " sample\n" : " samples\n"));
            md.append('\n');
            List<HealthSample> failing = list.stream().map(SampleRecord::sample)
                    .filter(s -> s.outcome() != HealthSample.Outcome.HEALTHY).toList();
            if (!failing.isEmpty()) {
                md.append("Samples that were not healthy:\n\n");
                failing.stream().limit(FAILURES_LISTED).forEach(s -> md.append("- ").append(time(s.takenAt()))
                        .append(' ').append(s.outcome()).append(' ').append(code(s.check())).append(": ")
                        .append(text(s.reason())).append('\n'));
                if (failing.size() > FAILURES_LISTED) {
                    md.append("- … and ").append(failing.size() - FAILURES_LISTED).append(" more\n");
                }
                md.append('\n');
            }
        });
    }

    private static void changes(StringBuilder md, Release r, Release previous) {
        md.append("## Changes since the previous release in ").append(text(r.environment())).append("\n\n");
        if (previous == null) {
            md.append("This is the first release that went live in ").append(text(r.environment()))
                    .append(": there is nothing to compare with.\n");
            return;
        }
        md.append("- **Before:** ").append(code(previous.artifactName())).append(' ').append(code(previous.version()))
                .append(" (").append(code(previous.digest().value())).append("), release ").append(previous.id());
        if (previous.liveAt() != null) {
            md.append(", live since ").append(time(previous.liveAt()));
        }
        md.append('\n');
        md.append("- **This release:** ").append(code(r.artifactName())).append(' ').append(code(r.version()))
                .append(" (").append(code(r.digest().value())).append(")\n");
        if (previous.digest().equals(r.digest())) {
            md.append("\nThe same bytes were deployed again: the digest did not change.\n");
        } else if (!previous.artifactName().equals(r.artifactName())) {
            md.append("\nA different artifact replaced ").append(text(previous.artifactName())).append(".\n");
        }
    }

    private static void scmChanges(StringBuilder md, ScmChanges scm) {
        md.append("\n## SCM changes\n\n");
        for (Change c : scm.changes()) {
            md.append("- ");
            if (c.commitId() != null && !c.commitId().isBlank()) {
                md.append(code(c.commitId())).append(' ');
            }
            md.append(text(summaryLine(c.message()))).append(" — ")
                    .append(c.author() == null || c.author().isBlank() ? "unknown author" : text(c.author()));
            if (c.build() != null && !c.build().isBlank()) {
                md.append(" (").append(text(c.build())).append(')');
            }
            md.append('\n');
        }
        if (scm.changes().isEmpty() && scm.remark() == null) {
            md.append("No SCM change was recorded in the builds between the two releases.\n");
        }
        if (scm.remark() != null && !scm.remark().isBlank()) {
            md.append(scm.changes().isEmpty() ? "" : "\n").append(text(summaryLine(scm.remark()))).append('\n');
        }
    }

    /**
     * The first non-blank line, cut to {@link #MESSAGE_CHARS}: a list item must stay one line, or a message line
     * starting with {@code #} or {@code -} would turn into the notes' own structure.
     */
    static String summaryLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (line.length() <= MESSAGE_CHARS) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(MESSAGE_CHARS - 1)) ? MESSAGE_CHARS - 1 : MESSAGE_CHARS;
        return line.substring(0, end) + "…";
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Instant firstMove(List<LedgerEvent> events, ReleaseState to) {
        for (LedgerEvent e : events) {
            if (e.type() == EventType.RELEASE_STATE_CHANGED && to.name().equals(payload(e).get("to"))) {
                return e.occurredAt();
            }
        }
        return null;
    }

    private static Map<String, Object> payload(LedgerEvent e) {
        try {
            JsonNode payload = JsonTrees.readStored(e.payload());
            Map<String, Object> fields = new LinkedHashMap<>();
            payload.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().isNull() ? null
                    : f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
            return fields;
        } catch (JsonTrees.MalformedJsonException ex) {
            return Map.of(); // a payload the notes cannot read only loses its details, never the notes
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String time(Instant t) {
        return t == null ? "?" : t.toString();
    }

    /** The last path segment of a file location, or the artifact name when there is none. */
    static String fileName(String location, String fallback) {
        if (location == null || location.isBlank()) {
            return fallback.substring(fallback.lastIndexOf('/') + 1);
        }
        String trimmed = location.replaceAll("[/\\\\]+$", "");
        return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    }

    /** The image repository of a location like {@code registry/app:tag@sha256:…}, without tag or digest. */
    static String imageRepository(String location, String fallback) {
        String ref = location == null || location.isBlank() ? fallback : location;
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
    }

    /**
     * Free text as literal Markdown: escapes what could open HTML, a link, emphasis, code or a table
     * cell anywhere in a line. Marks that act only at the start of a line ({@code # - +}) stay as they
     * are, since every line of the notes starts with the notes' own text.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ("\\`*_[]<>|~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A code span whose fence is longer than any run of backticks inside, so nothing can close it early. */
    static String code(String value) {
        String v = value == null ? "" : value;
        int longest = 0;
        int run = 0;
        for (int i = 0; i < v.length(); i++) {
            run = v.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = v.startsWith("`") || v.endsWith("`") ? " " : "";
        return fence + pad + v + pad + fence;
    }

    private static String fence(String line) {
        return "```sh\n" + line.replace("```", "` ` `") + "\n```\n";
    }

    /** A single-quoted shell word, so a copied command never runs anything hidden in a file name. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9._/@:+=-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
