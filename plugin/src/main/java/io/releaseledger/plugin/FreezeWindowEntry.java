package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.releaseledger.environment.CronSchedule;
import io.releaseledger.environment.PolicyDurations;
import io.releaseledger.environment.FreezeWindow;
import io.releaseledger.environment.InvalidPolicyException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A freeze window as configured in Jenkins: either {@code cron} + {@code duration} (recurring) or
 * {@code start} + {@code end} (one-off), wall-clock times in {@code zone}. The same fields and rules as
 * {@code freezes:} in {@code release-ledger.yaml}; core's {@link FreezeWindow} does the checking.
 */
public final class FreezeWindowEntry implements Describable<FreezeWindowEntry> {
    static final String DATE_TIME_ALLOWED =
            "a local date-time such as 2026-12-20T00:00, or a date such as 2026-12-20 (meaning its start)";
    static final String ZONE_ALLOWED = "a named zone such as Europe/Berlin or UTC";

    private final String name;
    private final String zone;
    private String cron;
    private String duration;
    private String start;
    private String end;

    @DataBoundConstructor
    public FreezeWindowEntry(String name, String zone) {
        this.name = Validation.trimToNull(name);
        this.zone = Validation.trimToNull(zone);
    }

    public String getName() {
        return name;
    }

    public String getZone() {
        return zone;
    }

    public String getCron() {
        return cron;
    }

    @DataBoundSetter
    public void setCron(String cron) {
        this.cron = Validation.trimToNull(cron);
    }

    public String getDuration() {
        return duration;
    }

    @DataBoundSetter
    public void setDuration(String duration) {
        this.duration = Validation.trimToNull(duration);
    }

    public String getStart() {
        return start;
    }

    @DataBoundSetter
    public void setStart(String start) {
        this.start = Validation.trimToNull(start);
    }

    public String getEnd() {
        return end;
    }

    @DataBoundSetter
    public void setEnd(String end) {
        this.end = Validation.trimToNull(end);
    }

    /**
     * Core's window.
     *
     * @throws InvalidPolicyException naming the field (e.g. {@code cron}) relative to this window, or
     *         {@code schedule} when it is not exactly one of recurring and one-off
     */
    FreezeWindow toWindow() {
        ZoneId zoneId = zone(zone);
        boolean recurring = cron != null || duration != null;
        boolean oneOff = start != null || end != null;
        if (recurring == oneOff) {
            // Either reading would silently drop half of what the administrator wrote.
            throw new InvalidPolicyException("schedule", null, recurring ? "has both cron/duration and start/end" : "has neither cron/duration nor start/end",
                    "either cron and duration (a recurring freeze) or start and end (a one-off freeze)");
        }
        if (recurring) {
            CronSchedule schedule = cron == null ? null : CronSchedule.parse("cron", cron);
            Duration length = duration == null ? null : PolicyDurations.parse("duration", duration);
            return new FreezeWindow.Recurring(name, schedule, length, zoneId);
        }
        return new FreezeWindow.Absolute(name, dateTime("start", start), dateTime("end", end), zoneId);
    }

    static ZoneId zone(String text) {
        if (text == null) throw new InvalidPolicyException("zone", null, ZONE_ALLOWED);
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new InvalidPolicyException("zone", text, ZONE_ALLOWED);
        }
    }

    static LocalDateTime dateTime(String field, String text) {
        if (text == null) return null;
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidPolicyException(field, text, DATE_TIME_ALLOWED);
        }
    }

    @Extension
    @Symbol("freezeWindow")
    public static final class DescriptorImpl extends Descriptor<FreezeWindowEntry> {
        @Override
        public String getDisplayName() {
            return Messages.FreezeWindowEntry_DisplayName();
        }

        @POST
        public FormValidation doCheckCron(@QueryParameter String value) {
            Validation.checkConfigurePermission();
            String cron = Validation.trimToNull(value);
            return cron == null ? FormValidation.ok() : Validation.of(() -> CronSchedule.parse("cron", cron));
        }

        @POST
        public FormValidation doCheckDuration(@QueryParameter String value) {
            Validation.checkConfigurePermission();
            String text = Validation.trimToNull(value);
            return text == null ? FormValidation.ok() : Validation.of(() -> PolicyDurations.parse("duration", text));
        }

        @POST
        public FormValidation doCheckZone(@QueryParameter String value) {
            Validation.checkConfigurePermission();
            return validateZone(value);
        }

        @POST
        public FormValidation doCheckStart(@QueryParameter String value) {
            Validation.checkConfigurePermission();
            return Validation.of(() -> dateTime("start", Validation.trimToNull(value)));
        }

        @POST
        public FormValidation doCheckEnd(@QueryParameter String value) {
            Validation.checkConfigurePermission();
            return Validation.of(() -> dateTime("end", Validation.trimToNull(value)));
        }
    }

    /** A zone must exist and be a named region: fixed offsets ignore daylight saving (core refuses them). */
    static FormValidation validateZone(String value) {
        return Validation.of(() -> new FreezeWindow.Absolute("check", LocalDateTime.of(2026, 1, 1, 0, 0),
                LocalDateTime.of(2026, 1, 2, 0, 0), zone(Validation.trimToNull(value))));
    }
}
