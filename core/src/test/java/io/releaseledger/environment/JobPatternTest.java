package io.releaseledger.environment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class JobPatternTest {

    @Test
    public void singleStarStaysWithinOnePathSegment() {
        JobPattern deployJobs = new JobPattern("payments/*-deploy");

        assertTrue(deployJobs.matches("payments/eu-deploy"));
        assertFalse(deployJobs.matches("payments/eu/x-deploy"));
        assertFalse(deployJobs.matches("payments/eu-build"));
    }

    @Test
    public void doubleStarMatchesAnyDepthOfFolders() {
        JobPattern teamA = new JobPattern("team-a/**");

        assertTrue(teamA.matches("team-a/deploy"));
        assertTrue(teamA.matches("team-a/payments/main/deploy"));
        assertFalse(teamA.matches("team-b/deploy"));
        assertFalse(teamA.matches("team-ab/deploy"));
    }

    @Test
    public void doubleStarInTheMiddleMatchesZeroOrMoreFolders() {
        JobPattern anyDeploy = new JobPattern("team-a/**/deploy");

        assertTrue(anyDeploy.matches("team-a/deploy"));
        assertTrue(anyDeploy.matches("team-a/x/y/deploy"));
        assertFalse(anyDeploy.matches("team-a/x/build"));
    }

    @Test
    public void severalStarsInOneSegment() {
        JobPattern pattern = new JobPattern("*-api-*-deploy");

        assertTrue(pattern.matches("payments-api-eu-deploy"));
        assertTrue(pattern.matches("-api--deploy"));
        assertFalse(pattern.matches("payments-api-deploy"));
    }

    @Test
    public void regexCharactersInJobNamesAreLiteral() {
        assertTrue(new JobPattern("a.b/(c)+").matches("a.b/(c)+"));
        assertFalse(new JobPattern("a.b").matches("axb"));
    }

    @Test
    public void doubleStarInsideASegmentIsRefused() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> new JobPattern("team-a/**-deploy"));

        assertEquals("allowedDeployers", e.field());
        assertEquals("team-a/**-deploy", e.value());
    }

    @Test
    public void emptyDeployerListAllowsAnyJob() {
        assertTrue(PolicyFixtures.dev().allowsDeployer("anything/at/all"));
    }
}
