package io.releaseledger.environment;

import io.releaseledger.Inputs;
import io.releaseledger.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A period during which deploys into an environment are refused (rollbacks to a known-good release are
 * still allowed). Either recurring — a cron start plus a duration — or a one-off absolute range. Times
 * are wall-clock times in a named zone, so a freeze written as "Friday 18:00 for 60h" ends Monday 06:00
 * local time even when daylight saving changes over the weekend.
 */
public sealed interface FreezeWindow permits FreezeWindow.Recurring, FreezeWindow.Absolute {
    /** The longest recurring freeze; anything longer reads better as an absolute range. */
    Duration MAX_RECURRING_DURATION = Duration.ofDays(31);

    /** The name shown when a deploy is refused, e.g. {@code weekend} or {@code year-end}. */
    String name();

    /** The zone the window's times are read in. */
    ZoneId zone();

    /** Whether the window is in force at {@code instant}. */
    default boolean covers(Instant instant) {
        return coveringUntil(instant).isPresent();
    }

    /** When the freeze in force at {@code instant} ends; empty when the window does not cover it. */
    Optional<Instant> coveringUntil(Instant instant);

    /** The window in words, for messages: {@code 'weekend' (0 18 * * FRI for 60h, Europe/Berlin)}. */
    String describe();

    /**
     * A freeze that starts whenever {@code start} matches, in {@code zone}'s wall-clock time, and lasts
     * {@code duration} of wall-clock time. A start in a daylight-saving gap begins when the clock has
     * jumped past it; a start in a repeated hour begins at its first occurrence.
     */
    record Recurring(String name, CronSchedule start, Duration duration, ZoneId zone) implements FreezeWindow {
        public Recurring {
            name = checkName(name);
            Inputs.present("cron", start, CronSchedule.ALLOWED,
                    InvalidPolicyException::new);
            if (duration == null || duration.compareTo(Duration.ofMinutes(1)) < 0
                    || duration.compareTo(MAX_RECURRING_DURATION) > 0) {
                throw new InvalidPolicyException("duration", duration == null ? null : Durations.format(duration),
                        PolicyDurations.ALLOWED + ", from 1m to 31d");
            }
            checkZone(zone);
        }

        @Override
        public Optional<Instant> coveringUntil(Instant instant) {
            LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
            // Daylight-saving shifts move a start by at most a few hours; look that far either side.
            LocalDateTime latest = local.plusHours(3);
            LocalDateTime earliest = local.minus(duration).minusHours(3);
            Instant until = null;
            for (LocalDate day = latest.toLocalDate(); !day.isBefore(earliest.toLocalDate()); day = day.minusDays(1)) {
                if (!start.matchesDay(day)) continue;
                for (int hour = 23; hour >= 0; hour--) {
                    if (!start.hasHour(hour)) continue;
                    for (int minute = 59; minute >= 0; minute--) {
                        if (!start.hasMinute(minute)) continue;
                        LocalDateTime begins = day.atTime(hour, minute);
                        if (begins.isAfter(latest) || begins.isBefore(earliest)) continue;
                        ZonedDateTime opens = ZonedDateTime.ofLocal(begins, zone, null);
                        // Count the duration on the wall clock from when the window actually opened.
                        Instant from = opens.toInstant();
                        Instant to = ZonedDateTime.ofLocal(opens.toLocalDateTime().plus(duration), zone, opens.getOffset()).toInstant();
                        if (!from.isAfter(instant) && instant.isBefore(to) && (until == null || to.isAfter(until))) {
                            until = to;
                        }
                    }
                }
            }
            return Optional.ofNullable(until);
        }

        @Override
        public String describe() {
            return "'" + name + "' (" + start + " for " + Durations.format(duration) + ", " + zone + ")";
        }
    }

    /** A one-off freeze from {@code start} (inclusive) to {@code end} (exclusive), wall-clock in {@code zone}. */
    record Absolute(String name, LocalDateTime start, LocalDateTime end, ZoneId zone) implements FreezeWindow {
        public Absolute {
            name = checkName(name);
            Inputs.present("start", start, "a local date-time such as 2026-12-20T00:00",
                    InvalidPolicyException::new);
            Inputs.present("end", end, "a local date-time such as 2027-01-04T00:00",
                    InvalidPolicyException::new);
            checkZone(zone);
            if (!ZonedDateTime.ofLocal(end, zone, null).isAfter(ZonedDateTime.ofLocal(start, zone, null))) {
                throw new InvalidPolicyException("end", end.toString(), "a time after start " + start);
            }
        }

        @Override
        public Optional<Instant> coveringUntil(Instant instant) {
            Instant from = ZonedDateTime.ofLocal(start, zone, null).toInstant();
            Instant to = ZonedDateTime.ofLocal(end, zone, null).toInstant();
            return !from.isAfter(instant) && instant.isBefore(to) ? Optional.of(to) : Optional.empty();
        }

        @Override
        public String describe() {
            return "'" + name + "' (" + start + " to " + end + " " + zone + ")";
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidPolicyException("name", name, "a name of 1 to 100 characters, e.g. year-end");
        }
        return name.strip();
    }

    private static void checkZone(ZoneId zone) {
        if (zone == null || zone instanceof ZoneOffset) {
            // A fixed offset silently stops matching local time when daylight saving changes.
            throw new InvalidPolicyException("zone", zone == null ? null : zone.getId(),
                    "a named zone such as Europe/Berlin, America/New_York or UTC");
        }
    }
}
