package io.releaseledger.environment;

import static io.releaseledger.environment.PolicyFixtures.dev;
import static io.releaseledger.environment.PolicyFixtures.pipeline;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class EnvironmentConfigTest {

    @Test
    public void environmentsAreKeptInPromotionOrder() {
        assertEquals(List.of("dev", "staging", "production"), pipeline().names());
    }

    @Test
    public void unknownEnvironmentNamesTheKnownOnes() {
        UnknownEnvironmentException e = assertThrows(UnknownEnvironmentException.class, () -> pipeline().environment("prod"));

        assertEquals("environment 'prod' is not valid: no such environment; defined environments are"
                + " dev, staging, production", e.getMessage());
        assertEquals(List.of("dev", "staging", "production"), e.known());
    }

    @Test
    public void requiresMustNameAConfiguredEnvironment() {
        EnvironmentPolicy production = EnvironmentPolicy.builder("production", 3).requires("staging").build();

        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> new EnvironmentConfig(List.of(dev(), production)));

        assertEquals("production.requires", e.field());
        assertEquals("staging", e.value());
        assertEquals("one of dev, production", e.allowed());
    }

    @Test
    public void requiresCannotFormACycle() {
        EnvironmentPolicy a = EnvironmentPolicy.builder("a", 1).requires("b").build();
        EnvironmentPolicy b = EnvironmentPolicy.builder("b", 2).requires("a").build();

        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> new EnvironmentConfig(List.of(a, b)));

        assertEquals("a.requires", e.field());
    }

    @Test
    public void requiresCannotNameAnEnvironmentOfTheSameOrder() {
        EnvironmentPolicy eu = EnvironmentPolicy.builder("staging-eu", 2).build();
        EnvironmentPolicy us = EnvironmentPolicy.builder("staging-us", 2).requires("staging-eu").build();

        assertThrows(InvalidPolicyException.class, () -> new EnvironmentConfig(List.of(eu, us)));
    }

    @Test
    public void namesDifferingOnlyInCaseAreRefused() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> new EnvironmentConfig(
                List.of(EnvironmentPolicy.builder("prod", 1).build(), EnvironmentPolicy.builder("Prod", 2).build())));

        assertEquals("Prod.name", e.field());
    }

    @Test
    public void environmentNameMustBeSafeInUrlsAndCommands() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> EnvironmentPolicy.builder("prod env", 1).build());

        assertEquals("name: \"prod env\" is not valid; allowed: " + EnvironmentPolicy.NAME_ALLOWED, e.getMessage());
    }

    @Test
    public void environmentCannotRequireItself() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> EnvironmentPolicy.builder("production", 1).requires("production").build());

        assertEquals("requires", e.field());
    }
}
