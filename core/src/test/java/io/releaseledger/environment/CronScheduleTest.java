package io.releaseledger.environment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDateTime;
import org.junit.Test;

public class CronScheduleTest {

    private static boolean matches(String cron, String localDateTime) {
        return CronSchedule.parse("cron", cron).matches(LocalDateTime.parse(localDateTime));
    }

    @Test
    public void listsRangesAndStepsSelectMinutesAndHours() {
        assertTrue(matches("0,30 9-17/4 * * *", "2026-06-01T13:30"));
        assertFalse(matches("0,30 9-17/4 * * *", "2026-06-01T12:30"));
        assertTrue(matches("*/15 * * * *", "2026-06-01T00:45"));
        assertFalse(matches("*/15 * * * *", "2026-06-01T00:50"));
        assertTrue(matches("5/20 * * * *", "2026-06-01T00:45"));
    }

    @Test
    public void weekdayAndMonthNamesAndSevenMeanSunday() {
        // 2026-06-07 is a Sunday.
        assertTrue(matches("0 0 * JUN SUN", "2026-06-07T00:00"));
        assertTrue(matches("0 0 * * 7", "2026-06-07T00:00"));
        assertTrue(matches("0 0 * * 0", "2026-06-07T00:00"));
        assertFalse(matches("0 0 * * MON-FRI", "2026-06-07T00:00"));
        assertFalse(matches("0 0 * JAN-MAY * ", "2026-06-07T00:00"));
    }

    @Test
    public void restrictedDayOfMonthAndDayOfWeekMatchEither() {
        // Vixie cron: "the 1st, or any Monday". 2026-06-08 is a Monday, 2026-06-09 a Tuesday.
        assertTrue(matches("0 0 1 * MON", "2026-06-08T00:00"));
        assertTrue(matches("0 0 1 * MON", "2026-06-01T00:00"));
        assertFalse(matches("0 0 1 * MON", "2026-06-09T00:00"));
    }

    @Test
    public void wrongFieldCountIsNamed() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> CronSchedule.parse("cron", "0 18 * FRI"));

        assertTrue(e.getMessage(), e.getMessage().contains("\"0 18 * FRI\" has 4 fields, not 5"));
    }

    @Test
    public void outOfRangeValueNamesTheCronField() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> CronSchedule.parse("cron", "60 * * * *"));

        assertTrue(e.getMessage(), e.getMessage().contains("the minute field \"60\" is out of range (allowed 0-59)"));
    }

    @Test
    public void backwardsRangeIsRefused() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> CronSchedule.parse("cron", "0 0 * * FRI-MON"));

        assertTrue(e.getMessage(), e.getMessage().contains("runs backwards"));
    }

    @Test
    public void zeroStepIsRefused() {
        assertThrows(InvalidPolicyException.class, () -> CronSchedule.parse("cron", "*/0 * * * *"));
    }

    @Test
    public void expressionIsNormalisedToSingleSpaces() {
        assertEquals("0 18 * * FRI", CronSchedule.parse("cron", " 0  18 * *\tFRI ").toString());
    }
}
