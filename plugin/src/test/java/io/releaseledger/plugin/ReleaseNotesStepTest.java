package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.AbortException;
import io.releaseledger.release.Release;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class ReleaseNotesStepTest {
    private LedgerFixture f;

    @Before
    public void open() {
        f = new LedgerFixture();
    }

    @After
    public void close() throws Exception {
        f.close();
    }

    @Test
    public void theNotesAreCoresForTheNewestReleaseComparedWithThePreviousLiveOne() throws Exception {
        f.deployToStaging("1.0.0");
        Release second = f.deployToStaging("2.0.0");
        String notes = ReleaseNotesStep.notes(f.ledger, "staging");
        assertTrue(notes, notes.startsWith("# Release " + second.id() + ": payments-api 2.0.0 in staging"));
        assertTrue(notes, notes.contains("1.0.0"));
    }

    @Test
    public void anEnvironmentWithNothingReleasedIsAClearError() {
        AbortException e = assertThrows(AbortException.class, () -> ReleaseNotesStep.notes(f.ledger, "production"));
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
