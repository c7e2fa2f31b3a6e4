package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.InvalidPolicyException;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.PasswordSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.Test;

public class ReleaseLedgerConfigurationTest {
    private static final Path HOME = Path.of("/var/lib/jenkins");

    @Test
    public void environmentsArePutInPromotionOrderWithPositionsAsDefaultOrder() {
        ReleaseEnvironment production = new ReleaseEnvironment("production");
        production.setRequires("staging");
        ReleaseEnvironment staging = new ReleaseEnvironment("staging");
        staging.setRequires("dev");
        EnvironmentConfig config = ReleaseLedgerConfiguration.environmentConfig(
                List.of(new ReleaseEnvironment("dev"), staging, production));
        assertEquals(List.of("dev", "staging", "production"), config.names());
        assertEquals(3, config.environment("production").order());
    }

    @Test
    public void crossEnvironmentRulesComeFromCoreWithTheFieldPath() {
        ReleaseEnvironment staging = new ReleaseEnvironment("staging");
        staging.setRequires("stagign");
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> ReleaseLedgerConfiguration.environmentConfig(List.of(new ReleaseEnvironment("dev"), staging)));
        assertEquals("environments.staging.requires", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("one of dev, staging"));

        e = assertThrows(InvalidPolicyException.class, () -> ReleaseLedgerConfiguration.environmentConfig(
                List.of(new ReleaseEnvironment("dev"), new ReleaseEnvironment("DEV"))));
        assertTrue(e.field(), e.field().startsWith("environments."));
    }

    @Test
    public void noUrlMeansTheEmbeddedLedgerUnderJenkinsHome() {
        LedgerConfig config = ReleaseLedgerConfiguration.ledgerConfig(null, null, HOME, id -> {
            throw new AssertionError("no credential is needed for the embedded ledger");
        });
        assertEquals(LedgerConfig.embedded(HOME.resolve("release-ledger")), config);
    }

    @Test
    public void postgresTakesUserAndPasswordFromTheCredentialReadWhenTheStoreAsks() {
        List<String> lookups = new ArrayList<>();
        Function<String, ReleaseLedgerConfiguration.DatabaseLogin> lookup = id -> {
            lookups.add(id);
            return new ReleaseLedgerConfiguration.DatabaseLogin("ledger", () -> "s3cret");
        };
        LedgerConfig config = ReleaseLedgerConfiguration.ledgerConfig("jdbc:postgresql://db:5432/release_ledger",
                "ledger-db", HOME, lookup);
        assertEquals("jdbc:postgresql://db:5432/release_ledger", config.jdbcUrl());
        assertEquals("ledger", config.user());
        assertEquals(List.of("ledger-db"), lookups);
        assertTrue(config.password() instanceof PasswordSource.Supplied);
        assertEquals("Jenkins credential ledger-db", config.password().describe());
        assertFalse("the secret never shows in the config's text", config.toString().contains("s3cret"));
        assertEquals("s3cret", config.password().read());
    }

    @Test
    public void aPostgresLedgerNeedsACredential() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReleaseLedgerConfiguration
                .ledgerConfig("jdbc:postgresql://db/release_ledger", null, HOME, id -> null));
        assertEquals("ledger credentials", e.field());
    }

    @Test
    public void onlyPostgresUrlsWithoutPasswordsAreAccepted() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ReleaseLedgerConfiguration.checkPostgresUrl("jdbc:mysql://db/ledger"));
        assertEquals("ledger url", e.field());
        e = assertThrows(InvalidInputException.class,
                () -> ReleaseLedgerConfiguration.checkPostgresUrl("jdbc:postgresql://db/ledger?password=hunter2"));
        assertFalse("the password is not echoed", e.getMessage().contains("hunter2"));
    }
}
