package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import hudson.model.User;
import hudson.scm.ChangeLogSet;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.notes.ReleaseNotes;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class BuildChangesTest {
    private static final String JOB = "team-a/payments";
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Release BEFORE = release(40, "1.0.0");
    private static final Release NOW = release(42, "2.0.0");

    /** A job's builds by number; a number without an entry is a build that is gone. */
    private static final class FakeBuilds implements BuildChanges.Source {
        final Map<Integer, List<ReleaseNotes.Change>> builds = new HashMap<>();
        final List<Integer> read = new ArrayList<>();
        boolean jobExists = true;

        FakeBuilds build(int number, String... messages) {
            List<ReleaseNotes.Change> changes = new ArrayList<>();
            for (String m : messages) changes.add(new ReleaseNotes.Change("c" + number, "alice", m, JOB + "#" + number));
            builds.put(number, changes);
            return this;
        }

        @Override
        public boolean hasJob(String job) {
            return jobExists && job.equals(JOB);
        }

        @Override
        public List<ReleaseNotes.Change> changes(String job, int number, int limit) {
            read.add(number);
            List<ReleaseNotes.Change> all = builds.get(number);
            return all == null ? null : all.subList(0, Math.min(all.size(), limit + 1));
        }
    }

    private static Release release(long id, String version) {
        return new Release(id, "production", "payments-api", version,
                Digest.sha256(version.getBytes(StandardCharsets.UTF_8)), ReleaseMode.DEPLOY, ReleaseState.LIVE, "",
                null, "alice", "ci", T0, T0, T0);
    }

    private static Artifact builtBy(String version, String job, String build) {
        return new Artifact("payments-api", version, Digest.sha256(version.getBytes(StandardCharsets.UTF_8)),
                ArtifactKind.FILE, null, new ArtifactSource(job, build, null), T0, "ci");
    }

    private static List<String> messages(ReleaseNotes.ScmChanges scm) {
        return scm.changes().stream().map(ReleaseNotes.Change::message).toList();
    }

    @Test
    public void theBuildsAfterThePreviousOneUpToThisOneAreReadOldestFirst() {
        FakeBuilds builds = new FakeBuilds().build(7, "in the previous release").build(8, "fix a", "fix b")
                .build(9).build(10, "bump");
        ReleaseNotes.ScmChanges scm = BuildChanges.between(BEFORE,
                builtBy("1.0.0", JOB, "https://ci.example.com/job/team-a/job/payments/7/"), NOW,
                builtBy("2.0.0", JOB, JOB + "#10"), builds);
        assertEquals(List.of(8, 9, 10), builds.read);
        assertEquals(List.of("fix a", "fix b", "bump"), messages(scm));
        assertEquals(JOB + "#8", scm.changes().get(0).build());
        assertNull(scm.remark());
    }

    @Test
    public void twoJobsOrNoRecordedBuildSayWhyInOneLine() {
        FakeBuilds builds = new FakeBuilds();
        assertEquals("SCM changes are not listed: payments-api 1.0.0 was built by job other, payments-api 2.0.0 by job "
                + JOB + ".", BuildChanges.between(BEFORE, builtBy("1.0.0", "other", "other#3"), NOW,
                builtBy("2.0.0", JOB, JOB + "#10"), builds).remark());
        assertEquals("SCM changes are not listed: payments-api 1.0.0 names no Jenkins build that built it.",
                BuildChanges.between(BEFORE, builtBy("1.0.0", null, null), NOW, builtBy("2.0.0", JOB, "10"), builds).remark());
        assertEquals("SCM changes are not listed: payments-api 2.0.0 names no Jenkins build that built it.",
                BuildChanges.between(BEFORE, builtBy("1.0.0", JOB, "7"), NOW, null, builds).remark());
        assertEquals(List.of(), builds.read);
        assertNull("no previous release: the notes already say so", BuildChanges.between(null, null, NOW, null, builds));
    }

    @Test
    public void goneBuildsAndAGoneJobAreSaidNotFailed() {
        FakeBuilds builds = new FakeBuilds().build(9, "kept");
        ReleaseNotes.ScmChanges some = BuildChanges.between(BEFORE, builtBy("1.0.0", JOB, "7"), NOW, builtBy("2.0.0", JOB, "10"), builds);
        assertEquals(List.of("kept"), messages(some));
        assertEquals("2 builds of " + JOB + " no longer exist, so their changes are missing.", some.remark());

        ReleaseNotes.ScmChanges none = BuildChanges.between(BEFORE, builtBy("1.0.0", JOB, "20"), NOW,
                builtBy("2.0.0", JOB, "22"), builds);
        assertEquals("SCM changes are not listed: builds " + JOB + "#21 to #22 no longer exist.", none.remark());
        assertEquals(List.of(), none.changes());

        builds.jobExists = false;
        assertEquals("SCM changes are not listed: job " + JOB + " no longer exists.", BuildChanges.between(BEFORE,
                builtBy("1.0.0", JOB, "7"), NOW, builtBy("2.0.0", JOB, "10"), builds).remark());
    }

    @Test
    public void theSameBuildOrAnOlderOneListsNothing() {
        FakeBuilds builds = new FakeBuilds();
        assertEquals("Both releases were built by " + JOB + "#7.", BuildChanges.between(BEFORE, builtBy("1.0.0", JOB, "7"),
                NOW, builtBy("2.0.0", JOB, "7"), builds).remark());
        assertEquals("SCM changes are not listed: this release's build " + JOB + "#5 is older than the previous"
                + " release's #7.", BuildChanges.between(BEFORE, builtBy("1.0.0", JOB, "7"), NOW,
                builtBy("2.0.0", JOB, "5"), builds).remark());
        assertEquals(List.of(), builds.read);
    }

    @Test
    public void atMost200BuildsAnd500ChangesAreReadAndTheNotesSaySo() {
        FakeBuilds builds = new FakeBuilds();
        for (int n = 1; n <= 1000; n++) builds.build(n, "change " + n);
        ReleaseNotes.ScmChanges scm = BuildChanges.between(BEFORE, builtBy("1.0.0", JOB, "0"), NOW,
                builtBy("2.0.0", JOB, "1000"), builds);
        assertEquals(BuildChanges.MAX_BUILDS, builds.read.size());
        assertEquals(Integer.valueOf(801), builds.read.get(0));
        assertEquals("Only the newest 200 builds (#801 to #1000) were read; #1 to #800 are left out.", scm.remark());

        FakeBuilds busy = new FakeBuilds();
        String[] many = new String[300];
        java.util.Arrays.fill(many, "x");
        busy.build(8, many).build(9, many).build(10, many);
        ReleaseNotes.ScmChanges cut = BuildChanges.between(BEFORE, builtBy("1.0.0", JOB, "7"), NOW,
                builtBy("2.0.0", JOB, "10"), busy);
        assertEquals(BuildChanges.MAX_CHANGES, cut.changes().size());
        assertEquals(List.of(8, 9), busy.read);
        assertEquals("The list stops at 500 changes.", cut.remark());
    }

    /** A change-log entry as an SCM plugin gives it. */
    private static ChangeLogSet.Entry entry(String commitId, String message, boolean authorFails) {
        return new ChangeLogSet.Entry() {
            @Override
            public String getCommitId() {
                return commitId;
            }

            @Override
            public String getMsg() {
                return message;
            }

            @Override
            public User getAuthor() {
                if (authorFails) throw new IllegalStateException("cannot resolve the author");
                return null;
            }

            @Override
            public Collection<String> getAffectedPaths() {
                return List.of("src/Main.java");
            }
        };
    }

    @Test
    public void changeSetEntriesBecomeChangesOfTheirBuildAndAnAuthorThatFailsIsUnknown() {
        List<List<ChangeLogSet.Entry>> sets = List.of(List.of(entry("c0ffee", "Fix rounding", false)),
                List.of(entry("d00d", "Bump", true), entry("beef", "More", false)));
        assertEquals(List.of(new ReleaseNotes.Change("c0ffee", null, "Fix rounding", JOB + "#8"),
                new ReleaseNotes.Change("d00d", null, "Bump", JOB + "#8"),
                new ReleaseNotes.Change("beef", null, "More", JOB + "#8")), BuildChanges.changes(sets, JOB + "#8", 10));
        assertEquals("limit + 1, so the caller sees the limit was hit", 2, BuildChanges.changes(sets, JOB + "#8", 1).size());
    }
}
