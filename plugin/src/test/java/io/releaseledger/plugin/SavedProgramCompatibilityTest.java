package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import io.releaseledger.engine.ReleaseRun;
import io.releaseledger.release.ReleaseMode;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.Test;

/**
 * Builds saved by an earlier version of the plugin read back: Pipeline keeps a waiting step's execution in the
 * build's program.dat across upgrades, so a field the plugin stops keeping must not make an upgraded controller fail
 * the builds that were running. The fixture is what River wrote, at 4d4f71c (0.1.0), for a {@code deployRelease}
 * execution mid-verification, with the fields since dropped ({@code bodiesStarted}, {@code nextWakeMs}, and
 * {@code roundsStarted}, {@code lastProgress} and the lease holder, which core's {@link ReleaseRun} now keeps).
 */
public class SavedProgramCompatibilityTest {

    @Test
    public void aDeployExecutionSavedBy010ReadsBackWithItsReleaseAndVerificationKept() throws Exception {
        byte[] saved;
        try (InputStream in = getClass().getResourceAsStream("saved-programs/deploy-mid-verification-0.1.river")) {
            assertNotNull("the fixture", in);
            saved = in.readAllBytes();
        }
        ReleaseStepExecution read = (ReleaseStepExecution) ((List<?>) River.read(saved)).get(0);

        // What core's run starts again from after the upgrade: the release, the verification's start and its rounds.
        assertEquals(new ReleaseRun.Checkpoint(42L, ReleaseMode.DEPLOY, 1_796_000_000_000L, 2, false),
                read.checkpoint());
        assertEquals("staging", field(read, "environment"));
        assertEquals("payments-api 1.4.2", field(read, "coordinates"));
        assertEquals("verifying release 42 on staging: round 2 taken", field(read, "status"));
    }

    private static Object field(ReleaseStepExecution execution, String name) throws ReflectiveOperationException {
        Field f = ReleaseStepExecution.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(execution);
    }
}
