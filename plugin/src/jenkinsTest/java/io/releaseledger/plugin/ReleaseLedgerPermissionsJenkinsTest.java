package io.releaseledger.plugin;

import static org.junit.Assert.assertTrue;

import hudson.security.GlobalMatrixAuthorizationStrategy;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.jenkinsci.plugins.matrixauth.PermissionEntry;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.RealJenkinsRule;

/**
 * Jenkins started in a JVM of its own with a jenkins.yaml granting {@code Release Ledger/Approve}: Configuration as
 * Code's matrix-auth support finds the permission by its title at start-up, before any page touched the plugin
 * (needs the Jenkins repository; run with -Pjenkins; it has not run on this project's machines).
 */
public class ReleaseLedgerPermissionsJenkinsTest {
    @Rule
    public RealJenkinsRule jenkins = new RealJenkinsRule().javaOptions("-Dcasc.jenkins.config=" + casc());

    private static String casc() {
        try {
            return Path.of(ReleaseLedgerPermissionsJenkinsTest.class.getResource("matrix-auth-casc.yaml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void matrixAuthFindsReleaseLedgerPermissionsAtStartUp() throws Throwable {
        jenkins.then(ReleaseLedgerPermissionsJenkinsTest::releaseManagersMayApproveAndConfigure);
    }

    private static void releaseManagersMayApproveAndConfigure(JenkinsRule r) {
        GlobalMatrixAuthorizationStrategy strategy = (GlobalMatrixAuthorizationStrategy) r.jenkins.getAuthorizationStrategy();
        PermissionEntry managers = PermissionEntry.group("release-managers");
        assertTrue(strategy.hasExplicitPermission(managers, ReleaseLedgerPermissions.APPROVE));
        assertTrue(strategy.hasExplicitPermission(managers, ReleaseLedgerPermissions.CONFIGURE));
    }
}
