package io.releaseledger.environment;

import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** Shared policies, digests, zones and YAML fixtures for the policy, approval and promotion tests. */
public final class PolicyFixtures {
    public static final String DIGEST = "sha256:" + "ab12cd34".repeat(8);
    public static final String OTHER_DIGEST = "sha256:" + "9f".repeat(32);
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private PolicyFixtures() {}

    /** The instant at which a wall clock in {@code zone} shows {@code localDateTime}. */
    public static Instant at(String localDateTime, ZoneId zone) {
        return ZonedDateTime.ofLocal(LocalDateTime.parse(localDateTime), zone, null).toInstant();
    }

    public static EnvironmentPolicy dev() {
        return EnvironmentPolicy.builder("dev", 1).build();
    }

    public static EnvironmentPolicy staging() {
        return EnvironmentPolicy.builder("staging", 2).requires("dev").build();
    }

    /** Requires staging; two approvals from alice, carol or release-managers; team-a and payments deployers; frozen at weekends. */
    public static EnvironmentPolicy production() {
        return EnvironmentPolicy.builder("production", 3)
                .requires("staging")
                .approval(ApprovalPolicy.of(2, "alice", "carol", "group:release-managers"))
                .allowedDeployers("team-a/**", "payments/*-deploy")
                .freeze(weekendFreeze())
                .build();
    }

    public static EnvironmentConfig pipeline() {
        return new EnvironmentConfig(List.of(production(), dev(), staging()));
    }

    /** Friday 18:00 to Monday 06:00, Berlin time. */
    public static FreezeWindow weekendFreeze() {
        return new FreezeWindow.Recurring("weekend", CronSchedule.parse("cron", "0 18 * * FRI"), Duration.ofHours(60), BERLIN);
    }

    /** 2026-12-20 00:00 to 2027-01-04 00:00, Berlin time. */
    public static FreezeWindow yearEndFreeze() {
        return new FreezeWindow.Absolute("year-end", LocalDateTime.parse("2026-12-20T00:00"),
                LocalDateTime.parse("2027-01-04T00:00"), BERLIN);
    }

    /** The text of {@code src/test/resources/policy/<name>}. */
    public static String yaml(String name) {
        try (InputStream in = PolicyFixtures.class.getResourceAsStream("/policy/" + name)) {
            if (in == null) throw new IllegalArgumentException("no test fixture policy/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
