package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.InvisibleAction;
import hudson.model.Queue;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class RollbackRequestActionTest {
    private static final RollbackRequestAction TO_41 = new RollbackRequestAction("production", "payments-api", "1.4.1",
            41, "alice");

    /** An action of an ordinary build, e.g. its cause. */
    private static final Action OTHER = new InvisibleAction() { };

    /**
     * Whether the queue makes a new item for {@code scheduled} while {@code queued} waits: as Jenkins' Queue decides,
     * any queue action on either side answering {@code true} about the other side's actions.
     */
    private static boolean newBuild(List<Action> queued, List<Action> scheduled) {
        boolean schedule = false;
        for (Action a : queued) {
            if (a instanceof Queue.QueueAction q) schedule |= q.shouldSchedule(new ArrayList<>(scheduled));
        }
        for (Action a : scheduled) {
            if (a instanceof Queue.QueueAction q) schedule |= q.shouldSchedule(new ArrayList<>(queued));
        }
        return schedule;
    }

    @Test
    public void theScheduledBuildSaysWhoAskedForWhichRollbackOnItsPageAndInItsLog() {
        Action[] actions = JenkinsSide.buildActions(TO_41);
        assertSame("the request the build's deployRelease follows", TO_41, actions[1]);
        RollbackCause cause = ((CauseAction) actions[0]).findCause(RollbackCause.class);
        assertEquals("Started by user alice from the Releases page: roll back production to payments-api 1.4.1,"
                + " release 41", cause.getShortDescription());
        assertEquals("a user cause: the steps take alice as the one who started the build", "alice",
                ((CauseAction) actions[0]).findCause(Cause.UserIdCause.class).getUserId());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        cause.print(new TaskListener() {
            @Override
            public PrintStream getLogger() {
                return out;
            }
        });
        assertEquals(cause.getShortDescription() + System.lineSeparator(), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void aClickWhileAnOrdinaryBuildWaitsSchedulesItsOwnBuild() {
        assertTrue(TO_41.shouldSchedule(List.of(OTHER)));
        assertTrue(newBuild(List.of(OTHER), List.of(OTHER, TO_41)));
    }

    @Test
    public void aRollbackToAnotherReleaseIsAnotherBuild() {
        RollbackRequestAction to40 = new RollbackRequestAction("production", "payments-api", "1.4.0", 40, "alice");
        assertTrue(TO_41.shouldSchedule(List.of(OTHER, to40)));
        assertTrue(newBuild(List.of(OTHER, to40), List.of(TO_41)));
        RollbackRequestAction otherEnvironment = new RollbackRequestAction("staging", "payments-api", "1.4.1", 41, "alice");
        assertTrue(newBuild(List.of(otherEnvironment), List.of(TO_41)));
    }

    @Test
    public void theSameRollbackAgainWhileTheFirstWaitsIsOneBuildWhoeverClicked() {
        RollbackRequestAction again = new RollbackRequestAction("production", "payments-api", "1.4.1", 41, "bob");
        assertFalse(again.shouldSchedule(List.of(OTHER, TO_41)));
        assertFalse(newBuild(List.of(OTHER, TO_41), List.of(OTHER, again)));
    }

    @Test
    public void anOrdinaryBuildDoesNotFoldIntoAWaitingRollback() {
        assertTrue(newBuild(List.of(TO_41), List.of(OTHER)));
    }
}
