package io.releaseledger.notes;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.releaseledger.approval.Decision;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.health.HealthSample;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.Approval;
import io.releaseledger.ledger.EventType;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.ReleaseTimeline;
import io.releaseledger.ledger.SampleRecord;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.Test;

public class ReleaseNotesTest {
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    static final Digest V1 = Digest.sha256("one".getBytes(StandardCharsets.UTF_8));
    static final Digest V2 = Digest.sha256("two".getBytes(StandardCharsets.UTF_8));

    static Release release(long id, String version, Digest digest, ReleaseState state, Long rollbackTarget,
                           Instant liveAt) {
        return new Release(id, "production", "payments-api", version, digest, ReleaseMode.DEPLOY, state,
                "test reason", rollbackTarget, "alice", "https://ci.example.com/job/pay/7/", T0, T0, liveAt);
    }

    static Artifact artifact(String version, Digest digest, ArtifactKind kind, String location) {
        return new Artifact("payments-api", version, digest, kind, location,
                new ArtifactSource("payments/main", "7", "c0ffee"), T0.minusSeconds(3600), "ci-bot");
    }

    static LedgerEvent moved(long seq, int minute, String from, String to, String reason) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("from", from);
        p.put("to", to);
        p.put("reason", reason);
        return new LedgerEvent(seq, T0.plusSeconds(60L * minute), "alice", "ci", EventType.RELEASE_STATE_CHANGED,
                "production", 42L, CanonicalJson.object(p), "0", "0");
    }

    static SampleRecord sample(ReleaseMode phase, HealthSample.Outcome outcome, int minute, String reason) {
        return new SampleRecord(phase, new HealthSample("GET https://pay.example.com/health", outcome,
                T0.plusSeconds(60L * minute), Duration.ofMillis(20), reason, "200", null, 1));
    }

    @Test
    public void notesSayWhatWentWhereWhenByWhomAndWithWhoseApproval() {
        Release r = release(42, "2.0.0", V2, ReleaseState.LIVE, null, T0.plusSeconds(600));
        ReleaseTimeline t = new ReleaseTimeline(r,
                List.of(moved(1, 1, "REQUESTED", "AWAITING_APPROVAL", "needs 1 approval"),
                        moved(2, 3, "APPROVED", "DEPLOYING", "lease acquired"),
                        moved(3, 10, "VERIFYING", "LIVE", "healthy")),
                List.of(new Approval(42, "bob", Set.of("release-managers"), "production", V2, Decision.APPROVE,
                        "ship it", T0.plusSeconds(120))),
                List.of(sample(ReleaseMode.DEPLOY, HealthSample.Outcome.HEALTHY, 5, "status 200")));
        String md = ReleaseNotes.markdown(t, artifact("2.0.0", V2, ArtifactKind.FILE,
                "s3://builds/payments-api-2.0.0.jar"), null);

        assertThat(md, containsString("# Release 42: payments-api 2.0.0 in production"));
        assertThat(md, containsString("**Requested by:** alice at 2026-11-29T10:00:00Z"));
        assertThat(md, containsString("**Deployed:** 2026-11-29T10:03:00Z"));
        assertThat(md, containsString("**Live since:** 2026-11-29T10:10:00Z"));
        assertThat(md, containsString("Approved by bob (as release-managers) at 2026-11-29T10:02:00Z: “ship it”"));
        assertThat(md, containsString("`" + V2.value() + "`"));
        assertThat(md, containsString("1 sample from 2026-11-29T10:05:00Z to 2026-11-29T10:05:00Z: 1 healthy, 0 unhealthy"));
        assertThat(md, containsString("first release that went live in production"));
    }

    @Test
    public void aFileIsCheckedWithSha256sumOfItsFileName() {
        String md = ReleaseNotes.markdown(emptyTimeline(release(1, "2.0.0", V2, ReleaseState.LIVE, null, T0)),
                artifact("2.0.0", V2, ArtifactKind.FILE, "s3://builds/payments-api-2.0.0.jar"), null);
        assertThat(md, containsString("```sh\nsha256sum payments-api-2.0.0.jar\n```"));
        assertThat(md, containsString("It must print `" + V2.hex() + "`."));
    }

    @Test
    public void anImageIsPulledByDigestNotByTag() {
        String md = ReleaseNotes.markdown(emptyTimeline(release(1, "2.0.0", V2, ReleaseState.LIVE, null, T0)),
                artifact("2.0.0", V2, ArtifactKind.CONTAINER_IMAGE, "registry.example.com:5000/pay/api:2.0.0"), null);
        assertThat(md, containsString("docker pull registry.example.com:5000/pay/api@" + V2.value()));
    }

    @Test
    public void changesNameThePreviousVersionAndDigestOfTheEnvironment() {
        Release previous = release(40, "1.0.0", V1, ReleaseState.SUPERSEDED, null, T0.minusSeconds(86400));
        String md = ReleaseNotes.markdown(emptyTimeline(release(42, "2.0.0", V2, ReleaseState.LIVE, null, T0)),
                artifact("2.0.0", V2, ArtifactKind.FILE, null), previous);
        assertThat(md, containsString("**Before:** `payments-api` `1.0.0` (`" + V1.value()
                + "`), release 40, live since 2026-11-28T10:00:00Z"));
        assertThat(md, containsString("**This release:** `payments-api` `2.0.0` (`" + V2.value() + "`)"));
        assertThat(md, not(containsString("first release")));
    }

    @Test
    public void theSameDigestAgainIsCalledARedeployOfTheSameBytes() {
        Release previous = release(40, "1.0.0", V1, ReleaseState.SUPERSEDED, null, T0);
        String md = ReleaseNotes.markdown(emptyTimeline(release(42, "1.0.0", V1, ReleaseState.LIVE, null, T0)),
                artifact("1.0.0", V1, ArtifactKind.FILE, null), previous);
        assertThat(md, containsString("The same bytes were deployed again"));
    }

    @Test
    public void aRolledBackReleaseListsItsFailingSamplesAndItsRollbackTarget() {
        Release r = release(42, "2.0.0", V2, ReleaseState.ROLLED_BACK, 40L, null);
        List<SampleRecord> samples = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            samples.add(sample(ReleaseMode.DEPLOY, HealthSample.Outcome.UNHEALTHY, i, "status 500 is not in 2xx"));
        }
        samples.add(sample(ReleaseMode.ROLLBACK, HealthSample.Outcome.HEALTHY, 20, "status 200"));
        String md = ReleaseNotes.markdown(new ReleaseTimeline(r, List.of(), List.of(), samples),
                artifact("2.0.0", V2, ArtifactKind.FILE, null), null);
        assertThat(md, containsString("**Rolled back to:** release 40"));
        assertThat(md, containsString("### Deploy verification\n\n12 samples"));
        assertThat(md, containsString("0 healthy, 12 unhealthy"));
        assertThat(md, containsString("UNHEALTHY `GET https://pay.example.com/health`: status 500 is not in 2xx"));
        assertThat(md, containsString("… and 2 more"));
        assertThat(md, containsString("### Rollback verification\n\n1 sample"));
    }

    @Test
    public void userTextCannotInjectHtmlLinksOrCodeSpans() {
        String payload = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) `x`";
        Release r = new Release(42, "production", "payments-api", "2.0.0", V2, ReleaseMode.DEPLOY,
                ReleaseState.LIVE, payload, null, payload, payload, T0, T0, T0);
        ReleaseTimeline t = new ReleaseTimeline(r, List.of(), List.of(new Approval(42, payload, Set.of(),
                "production", V2, Decision.APPROVE, payload, T0)), List.of());
        String md = ReleaseNotes.markdown(t, artifact("2.0.0", V2, ArtifactKind.FILE, payload), null);
        // Outside code spans and fences, every tag and link bracket is escaped; inside them Markdown shows text.
        String prose = md.replaceAll("(?s)```sh\n.*?\n```", "").replace(ReleaseNotes.code(payload), "");
        assertFalse("an unescaped < in " + prose, Pattern.compile("(?<!\\\\)<").matcher(prose).find());
        assertFalse("an unescaped ]( in " + prose, Pattern.compile("(?<!\\\\)]\\(").matcher(prose).find());
        assertThat(md, containsString("— \\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1)) \\`x\\`"));
        assertThat(md, containsString("“\\<img src=x"));
    }

    @Test
    public void codeSpansOutgrowTheBackticksInside() {
        assertEquals("`a`", ReleaseNotes.code("a"));
        assertEquals("``a`b``", ReleaseNotes.code("a`b"));
        assertEquals("``` ``x ```", ReleaseNotes.code("``x"));
    }

    @Test
    public void copiedShellCommandsQuoteOddFileNames() {
        assertEquals("app.jar", ReleaseNotes.shellWord("app.jar"));
        assertEquals("'a b;rm -rf ~'", ReleaseNotes.shellWord("a b;rm -rf ~"));
        assertEquals("'it'\\''s'", ReleaseNotes.shellWord("it's"));
    }

    @Test
    public void scmChangesAreListedOneLineEachAfterTheComparison() {
        Release previous = release(40, "1.0.0", V1, ReleaseState.SUPERSEDED, null, T0);
        ReleaseNotes.ScmChanges scm = new ReleaseNotes.ScmChanges(List.of(
                new ReleaseNotes.Change("c0ffee1", "alice", "Fix rounding\n\nLong explanation\n# not a heading", "payments#8"),
                new ReleaseNotes.Change(null, null, "  \n  Bump version", "payments#9")),
                "Only the newest 200 builds were read.");
        String md = ReleaseNotes.markdown(emptyTimeline(release(42, "2.0.0", V2, ReleaseState.LIVE, null, T0)),
                artifact("2.0.0", V2, ArtifactKind.FILE, null), previous, scm);
        assertThat(md, containsString("## SCM changes\n\n- `c0ffee1` Fix rounding — alice (payments#8)\n"
                + "- Bump version — unknown author (payments#9)\n\nOnly the newest 200 builds were read.\n"));
        assertThat(md, not(containsString("Long explanation")));
        assertThat(md, not(containsString("# not a heading")));
        assertThat(md.indexOf("## SCM changes") > md.indexOf("## Changes since"), org.hamcrest.CoreMatchers.is(true));
    }

    @Test
    public void noScmChangesOrAReasonForNoneIsOneLine() {
        Release r = release(42, "2.0.0", V2, ReleaseState.LIVE, null, T0);
        String none = ReleaseNotes.markdown(emptyTimeline(r), null, null, new ReleaseNotes.ScmChanges(List.of(), null));
        assertThat(none, containsString("## SCM changes\n\nNo SCM change was recorded in the builds between the two releases.\n"));
        String why = ReleaseNotes.markdown(emptyTimeline(r), null, null,
                ReleaseNotes.ScmChanges.unavailable("Not listed: 1.0.0 was built by job a, 2.0.0 by job b."));
        assertThat(why, containsString("## SCM changes\n\nNot listed: 1.0.0 was built by job a, 2.0.0 by job b.\n"));
        assertThat(ReleaseNotes.markdown(emptyTimeline(r), null, null), not(containsString("SCM changes")));
    }

    @Test
    public void scmTextIsEscapedAndLongMessagesAreCut() {
        String payload = "<img src=x onerror=alert(1)> [click](javascript:alert(1))";
        ReleaseNotes.ScmChanges scm = new ReleaseNotes.ScmChanges(List.of(
                new ReleaseNotes.Change("a`b", payload, payload, payload),
                new ReleaseNotes.Change("d00d", "bob", "x".repeat(300), "b#1")), payload);
        String md = ReleaseNotes.markdown(emptyTimeline(release(42, "2.0.0", V2, ReleaseState.LIVE, null, T0)),
                null, null, scm);
        String section = md.substring(md.indexOf("## SCM changes"));
        String prose = section.replace(ReleaseNotes.code("a`b"), "");
        assertFalse("an unescaped < in " + prose, Pattern.compile("(?<!\\\\)<").matcher(prose).find());
        assertFalse("an unescaped ]( in " + prose, Pattern.compile("(?<!\\\\)]\\(").matcher(prose).find());
        assertThat(section, containsString("``a`b`` \\<img"));
        assertThat(section, containsString("- `d00d` " + "x".repeat(ReleaseNotes.MESSAGE_CHARS) + "… — bob (b#1)\n"));
    }

    private static ReleaseTimeline emptyTimeline(Release r) {
        return new ReleaseTimeline(r, List.of(), List.of(), List.of());
    }
}
