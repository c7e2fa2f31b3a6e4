package io.releaseledger.plugin;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.notes.ReleaseNotes;
import io.releaseledger.release.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import jenkins.scm.RunWithSCM;

/**
 * The SCM changes that {@code releaseNotes} lists: those of the builds after the one that built the previous live
 * release's artifact, up to and including the one that built this release's artifact, when one job built both.
 * The builds come from the artifacts' recorded sources ({@link BuildOrigin#source()}), not from the build running
 * the step, since that one may only deploy what another job built. Anything that prevents the list (no recorded
 * build, two jobs, builds deleted) becomes one line in the notes rather than a failed step: the notes are still
 * worth having without it.
 */
final class BuildChanges {
    /** Bounds, so a long-idle environment cannot make the step read a job's whole history. */
    static final int MAX_BUILDS = 200;
    static final int MAX_CHANGES = 500;

    /** The build number at the end of a recorded build: {@code job#42}, {@code …/job/x/42/} or just {@code 42}. */
    private static final Pattern BUILD_NUMBER = Pattern.compile("(?:^|[#/])(\\d{1,9})/?$");

    private BuildChanges() {}

    /** What is read of Jenkins; offline tests give their own builds. */
    interface Source {
        /** Whether the job exists and the step's authentication can see it. */
        boolean hasJob(String job);

        /**
         * The changes build {@code number} of {@code job} brought, oldest first, at most {@code limit + 1} (so a
         * caller sees it hit its limit); empty for a build that checks out nothing; {@code null} when the build is gone.
         */
        List<ReleaseNotes.Change> changes(String job, int number, int limit);
    }

    /**
     * The changes between {@code previous}'s build and {@code current}'s, or {@code null} when there is no previous
     * release (the notes already say there is nothing to compare with).
     */
    static ReleaseNotes.ScmChanges between(Release previous, Artifact previousArtifact, Release current,
            Artifact currentArtifact, Source source) {
        if (previous == null) return null;
        String before = previous.artifactName() + " " + previous.version();
        String now = current.artifactName() + " " + current.version();
        String fromJob = job(previousArtifact);
        Integer from = number(previousArtifact);
        if (fromJob == null || from == null) return notListed(before + " names no Jenkins build that built it");
        String toJob = job(currentArtifact);
        Integer to = number(currentArtifact);
        if (toJob == null || to == null) return notListed(now + " names no Jenkins build that built it");
        if (!fromJob.equals(toJob)) {
            return notListed(before + " was built by job " + fromJob + ", " + now + " by job " + toJob);
        }
        if (to.equals(from)) {
            return new ReleaseNotes.ScmChanges(List.of(), "Both releases were built by " + toJob + "#" + to + ".");
        }
        if (to < from) {
            return notListed("this release's build " + toJob + "#" + to + " is older than the previous release's #" + from);
        }
        if (!source.hasJob(toJob)) return notListed("job " + toJob + " no longer exists");
        return walk(toJob, from, to, source);
    }

    private static ReleaseNotes.ScmChanges walk(String job, int from, int to, Source source) {
        int first = Math.max(from + 1, to - MAX_BUILDS + 1);
        List<ReleaseNotes.Change> changes = new ArrayList<>();
        int gone = 0;
        boolean cut = false;
        for (int n = first; n <= to && !cut; n++) {
            List<ReleaseNotes.Change> build = source.changes(job, n, MAX_CHANGES - changes.size());
            if (build == null) {
                gone++;
                continue;
            }
            for (ReleaseNotes.Change change : build) {
                if (changes.size() == MAX_CHANGES) {
                    cut = true;
                    break;
                }
                changes.add(change);
            }
        }
        int read = to - first + 1;
        if (gone == read) {
            return notListed(read == 1 ? "build " + job + "#" + to + " no longer exists"
                    : "builds " + job + "#" + first + " to #" + to + " no longer exist");
        }
        List<String> remarks = new ArrayList<>();
        if (first > from + 1) {
            remarks.add("Only the newest " + MAX_BUILDS + " builds (#" + first + " to #" + to + ") were read; #"
                    + (from + 1) + " to #" + (first - 1) + " are left out.");
        }
        if (gone > 0) {
            remarks.add(gone + (gone == 1 ? " build" : " builds") + " of " + job + " no longer exist, so their changes are missing.");
        }
        if (cut) {
            remarks.add("The list stops at " + MAX_CHANGES + " changes.");
        }
        return new ReleaseNotes.ScmChanges(changes, remarks.isEmpty() ? null : String.join(" ", remarks));
    }

    private static ReleaseNotes.ScmChanges notListed(String why) {
        return ReleaseNotes.ScmChanges.unavailable("SCM changes are not listed: " + why + ".");
    }

    private static String job(Artifact artifact) {
        return artifact == null || artifact.source() == null ? null : Validation.trimToNull(artifact.source().job());
    }

    private static Integer number(Artifact artifact) {
        if (artifact == null || artifact.source() == null || artifact.source().build() == null) return null;
        Matcher m = BUILD_NUMBER.matcher(artifact.source().build().trim());
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** The changes of change sets (a {@link ChangeLogSet} is an {@code Iterable} of its entries), at most {@code limit + 1}. */
    static List<ReleaseNotes.Change> changes(List<? extends Iterable<? extends ChangeLogSet.Entry>> changeSets,
            String build, int limit) {
        List<ReleaseNotes.Change> changes = new ArrayList<>();
        for (Iterable<? extends ChangeLogSet.Entry> set : changeSets) {
            for (ChangeLogSet.Entry entry : set) {
                if (changes.size() > limit) return changes;
                changes.add(new ReleaseNotes.Change(entry.getCommitId(), author(entry), entry.getMsg(), build));
            }
        }
        return changes;
    }

    /** The author's user id, else their full name; {@code null} when the SCM cannot name one. */
    static String author(ChangeLogSet.Entry entry) {
        try {
            User user = entry.getAuthor();
            if (user == null) return null;
            String id = Validation.trimToNull(user.getId());
            return id != null ? id : Validation.trimToNull(user.getFullName());
        } catch (RuntimeException e) {
            // Some SCMs resolve authors lazily and can fail; Jenkins itself tolerates that, and the change still counts.
            return null;
        }
    }

    /** The running Jenkins, as the step's authentication sees it. */
    static final Source JENKINS = new Source() {
        @Override
        public boolean hasJob(String job) {
            return job(job) != null;
        }

        @Override
        @SuppressFBWarnings(value = "RCN_REDUNDANT_NULLCHECK_OF_NONNULL_VALUE",
                justification = "Jenkins.getItemByFullName returns null for a job that is gone or hidden; SpotBugs"
                        + " takes it for non-null only from the stub's body, which always throws")
        public List<ReleaseNotes.Change> changes(String jobName, int number, int limit) {
            Job<?, ?> job = job(jobName);
            Run<?, ?> run = job == null ? null : job.getBuildByNumber(number);
            if (run == null) return null;
            if (!(run instanceof RunWithSCM<?, ?> scm)) return List.of();
            return BuildChanges.changes(scm.getChangeSets(), jobName + "#" + number, limit);
        }

        private Job<?, ?> job(String fullName) {
            return Jenkins.get().getItemByFullName(fullName, Job.class);
        }
    };
}
