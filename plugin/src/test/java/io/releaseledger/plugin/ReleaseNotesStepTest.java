package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.AbortException;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.notes.ReleaseNotes;
import io.releaseledger.release.Release;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class ReleaseNotesStepTest {
    @Rule
    public final LedgerFixture f = new LedgerFixture();

    /** Builds 8 to 12 of the fixture's job, each with one change; any other build is gone. */
    private static final BuildChanges.Source BUILDS = new BuildChanges.Source() {
        @Override
        public boolean hasJob(String job) {
            return job.equals(LedgerFixture.JOB);
        }

        @Override
        public List<ReleaseNotes.Change> changes(String job, int number, int limit) {
            return number < 8 || number > 12 ? null
                    : List.of(new ReleaseNotes.Change("c" + number, "bob", "change " + number, job + "#" + number));
        }
    };

    @Test
    public void theNotesAreCoresForTheNewestReleaseComparedWithThePreviousLiveOne() throws Exception {
        f.deployToStaging("1.0.0");
        Release second = f.deployToStaging("2.0.0");
        String notes = ReleaseNotesStep.notes(f.ledger, "staging", BUILDS);
        assertTrue(notes, notes.startsWith("# Release " + second.id() + ": payments-api 2.0.0 in staging"));
        assertTrue(notes, notes.contains("1.0.0"));
        assertTrue(notes, notes.endsWith("## SCM changes\n\nBoth releases were built by team-a/payments#7.\n"));
    }

    @Test
    public void theNotesListTheScmChangesOfTheBuildsBetweenTheTwoReleasesArtifacts() throws Exception {
        f.ledger.registerArtifact(new ArtifactRegistration("payments-api", "3.0.0",
                Digest.sha256("payments-api 3.0.0".getBytes(StandardCharsets.UTF_8)), ArtifactKind.FILE, "payments-api-3.0.0.jar",
                new ArtifactSource(LedgerFixture.JOB, "https://ci.example.com/job/team-a/job/payments/12/", "abc")),
                LedgerFixture.ALICE);
        f.deployToStaging("2.0.0");
        f.deployToStaging("3.0.0");
        String notes = ReleaseNotesStep.notes(f.ledger, "staging", BUILDS);
        assertTrue(notes, notes.endsWith("## SCM changes\n\n- `c8` change 8 — bob (team-a/payments#8)\n"
                + "- `c9` change 9 — bob (team-a/payments#9)\n- `c10` change 10 — bob (team-a/payments#10)\n"
                + "- `c11` change 11 — bob (team-a/payments#11)\n- `c12` change 12 — bob (team-a/payments#12)\n"));
    }

    @Test
    public void theFirstReleaseHasNoScmSection() throws Exception {
        f.deployToStaging("1.0.0");
        String notes = ReleaseNotesStep.notes(f.ledger, "staging", BUILDS);
        assertTrue(notes, notes.contains("first release that went live in staging"));
        assertTrue(notes, !notes.contains("SCM changes"));
    }

    @Test
    public void anEnvironmentWithNothingReleasedIsAClearError() {
        AbortException e = assertThrows(AbortException.class, () -> ReleaseNotesStep.notes(f.ledger, "production", BUILDS));
        assertEquals("releaseNotes: nothing was released into production yet", e.getMessage());
    }

    @Test
    public void parameters() {
        ReleaseNotesStep step = new ReleaseNotesStep(" production ");
        step.setFile(" NOTES.md ");
        assertEquals("production", step.getEnvironment());
        assertEquals("NOTES.md", step.getFile());
        assertEquals("releaseNotes", new ReleaseNotesStep.DescriptorImpl().getFunctionName());
    }
}
