package io.releaseledger.environment;

import static io.releaseledger.environment.PolicyFixtures.BERLIN;
import static io.releaseledger.environment.PolicyFixtures.NEW_YORK;
import static io.releaseledger.environment.PolicyFixtures.at;
import static io.releaseledger.environment.PolicyFixtures.weekendFreeze;
import static io.releaseledger.environment.PolicyFixtures.yearEndFreeze;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.Test;

public class FreezeWindowTest {

    @Test
    public void weekendFreezeCoversFridayEveningToMondayMorning() {
        FreezeWindow weekend = weekendFreeze();

        assertFalse(weekend.covers(at("2026-06-05T17:59", BERLIN)));
        assertTrue(weekend.covers(at("2026-06-05T18:00", BERLIN)));
        assertTrue(weekend.covers(at("2026-06-07T12:00", BERLIN)));
        assertTrue(weekend.covers(at("2026-06-08T05:59", BERLIN)));
        assertFalse(weekend.covers(at("2026-06-08T06:00", BERLIN)));
    }

    @Test
    public void weekendFreezeEndsMondaySixLocalWhenClocksSpringForward() {
        // Berlin moves from +01:00 to +02:00 on Sunday 2026-03-29: the weekend is an hour shorter.
        FreezeWindow weekend = weekendFreeze();

        assertEquals(Optional.of(at("2026-03-30T06:00", BERLIN)), weekend.coveringUntil(at("2026-03-28T12:00", BERLIN)));
        assertTrue(weekend.covers(at("2026-03-30T05:59", BERLIN)));
        assertFalse(weekend.covers(at("2026-03-30T06:00", BERLIN)));
    }

    @Test
    public void weekendFreezeEndsMondaySixLocalWhenClocksFallBack() {
        // Berlin moves from +02:00 to +01:00 on Sunday 2026-10-25: the weekend is an hour longer.
        FreezeWindow weekend = weekendFreeze();

        assertTrue(weekend.covers(at("2026-10-23T18:00", BERLIN)));
        assertTrue(weekend.covers(at("2026-10-26T05:59", BERLIN)));
        assertFalse(weekend.covers(at("2026-10-26T06:00", BERLIN)));
    }

    @Test
    public void startInTheSkippedHourOpensWhenTheClockJumpsPastIt() {
        // 02:30 does not exist in Berlin on 2026-03-29; the window opens at 03:30 and still lasts an hour.
        FreezeWindow nightly = new FreezeWindow.Recurring("nightly", CronSchedule.parse("cron", "30 2 * * *"),
                Duration.ofHours(1), BERLIN);

        assertFalse(nightly.covers(at("2026-03-29T03:29", BERLIN)));
        assertTrue(nightly.covers(at("2026-03-29T03:30", BERLIN)));
        assertTrue(nightly.covers(at("2026-03-29T04:29", BERLIN)));
        assertFalse(nightly.covers(at("2026-03-29T04:30", BERLIN)));
    }

    @Test
    public void recurringFreezeFollowsItsOwnZone() {
        // Friday 18:00 in Berlin is Friday 12:00 in New York in June.
        FreezeWindow weekend = weekendFreeze();

        assertFalse(weekend.covers(at("2026-06-05T11:59", NEW_YORK)));
        assertTrue(weekend.covers(at("2026-06-05T12:00", NEW_YORK)));
    }

    @Test
    public void absoluteFreezeIncludesStartAndExcludesEnd() {
        FreezeWindow yearEnd = yearEndFreeze();

        assertFalse(yearEnd.covers(at("2026-12-19T23:59", BERLIN)));
        assertTrue(yearEnd.covers(at("2026-12-20T00:00", BERLIN)));
        assertEquals(Optional.of(at("2027-01-04T00:00", BERLIN)), yearEnd.coveringUntil(at("2026-12-31T23:00", BERLIN)));
        assertFalse(yearEnd.covers(at("2027-01-04T00:00", BERLIN)));
    }

    @Test
    public void fixedOffsetZoneIsRefusedBecauseItIgnoresDaylightSaving() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> new FreezeWindow.Absolute("year-end",
                LocalDateTime.parse("2026-12-20T00:00"), LocalDateTime.parse("2027-01-04T00:00"), ZoneOffset.ofHours(1)));

        assertEquals("zone", e.field());
        assertEquals("+01:00", e.value());
    }

    @Test
    public void absoluteFreezeMustEndAfterItStarts() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> new FreezeWindow.Absolute("oops",
                LocalDateTime.parse("2027-01-04T00:00"), LocalDateTime.parse("2026-12-20T00:00"), BERLIN));

        assertEquals("end", e.field());
    }

    @Test
    public void recurringFreezeLongerThanAMonthIsRefused() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> new FreezeWindow.Recurring("long",
                CronSchedule.parse("cron", "0 0 1 * *"), Duration.ofDays(32), BERLIN));

        assertEquals("duration", e.field());
        assertEquals("32d", e.value());
    }
}
