package io.releaseledger.environment;

import io.releaseledger.Durations;
import io.releaseledger.config.LedgerSettings;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.Test;

/** Durations, credential bindings and ledger settings: the small values policies are made of. */
public class PolicyValuesTest {

    @Test
    public void durationsAreWrittenWithUnitsLargestFirst() {
        assertEquals(Duration.ofHours(24), PolicyDurations.parse("timeout", "24h"));
        assertEquals(Duration.ofMinutes(90), PolicyDurations.parse("timeout", "1h30m"));
        assertEquals(Duration.ofDays(2), PolicyDurations.parse("timeout", "2d"));
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("60h", Durations.format(Duration.ofHours(60)));
        assertEquals("2d", Durations.format(Duration.ofHours(48)));
    }

    @Test
    public void durationWithoutUnitIsRefused() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyDurations.parse("timeout", "90"));

        assertEquals("timeout: \"90\" is not valid; allowed: " + PolicyDurations.ALLOWED, e.getMessage());
    }

    @Test
    public void credentialVariableMustBeAnEnvironmentVariableName() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> new CredentialBinding("DB-PASSWORD", "db"));

        assertEquals("credentials", e.field());
        assertEquals("DB-PASSWORD", e.value());
    }

    @Test
    public void credentialCannotShadowReleaseVariables() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> new CredentialBinding("RELEASE_ARTIFACT_DIGEST", "db"));

        assertTrue(e.getMessage(), e.getMessage().contains("reserved"));
    }

    @Test
    public void ledgerUrlWithAPasswordIsRefusedWithoutRepeatingIt() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> new LedgerSettings("jdbc:postgresql://db/ledger?user=rl&password=s3cret", null, null, null));

        assertEquals("(hidden)", e.value());
        assertFalse(e.getMessage(), e.getMessage().contains("s3cret"));
    }

    @Test
    public void ledgerPasswordComesFromOnePlaceOnly() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> new LedgerSettings("jdbc:postgresql://db/ledger", "rl", "PGPASSWORD", Path.of("/etc/rl/password")));

        assertEquals("passwordFile", e.field());
    }
}
