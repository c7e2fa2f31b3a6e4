package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import hudson.EnvVars;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.ledger.Actor;
import org.junit.Test;

public class BuildOriginTest {
    @Test
    public void withARootUrlTheBuildIsItsAbsoluteUrl() {
        EnvVars env = new EnvVars();
        env.put("GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567");
        BuildOrigin origin = BuildOrigin.of("team-a/payments", 42, "https://ci.example.com", "job/team-a/job/payments/42/", env);
        assertEquals(new ArtifactSource("team-a/payments", "https://ci.example.com/job/team-a/job/payments/42/",
                "0123456789abcdef0123456789abcdef01234567"), origin.source());
        assertEquals(new Actor("team-a/payments#42", "https://ci.example.com/job/team-a/job/payments/42/"), origin.actor());
    }

    @Test
    public void withoutARootUrlTheBuildIsJobAndNumber() {
        BuildOrigin origin = BuildOrigin.of("payments", 7, null, "job/payments/7/", new EnvVars());
        assertEquals(new ArtifactSource("payments", "payments#7", null), origin.source());
        assertEquals(new Actor("payments#7", "payments#7"), origin.actor());
    }

    @Test
    public void noEnvironmentMeansNoRevision() {
        assertNull(BuildOrigin.of("payments", 7, "https://ci.example.com/", "job/payments/7/", null).revision());
        assertEquals("https://ci.example.com/job/payments/7/",
                BuildOrigin.of("payments", 7, "https://ci.example.com/", "job/payments/7/", null).buildUrl());
    }
}
