package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.util.List;
import jenkins.model.Jenkins;
import org.junit.Test;

public class ReleaseLedgerPermissionsTest {
    @Test
    public void permissionIdsAreStableBecauseAuthorizationStrategiesStoreThem() {
        assertEquals("io.releaseledger.plugin.ReleaseLedgerPermissions.View", ReleaseLedgerPermissions.VIEW.getId());
        assertEquals("io.releaseledger.plugin.ReleaseLedgerPermissions.Approve", ReleaseLedgerPermissions.APPROVE.getId());
        assertEquals("io.releaseledger.plugin.ReleaseLedgerPermissions.Rollback", ReleaseLedgerPermissions.ROLLBACK.getId());
        assertEquals("io.releaseledger.plugin.ReleaseLedgerPermissions.Configure", ReleaseLedgerPermissions.CONFIGURE.getId());
    }

    @Test
    public void theGroupIsReleaseLedgerWithFourPermissionsListedByIdAsJenkinsDoes() {
        assertEquals("Release Ledger", ReleaseLedgerPermissions.GROUP.title.toString());
        assertEquals(List.of(ReleaseLedgerPermissions.APPROVE, ReleaseLedgerPermissions.CONFIGURE,
                ReleaseLedgerPermissions.ROLLBACK, ReleaseLedgerPermissions.VIEW),
                ReleaseLedgerPermissions.GROUP.getPermissions());
        for (var permission : ReleaseLedgerPermissions.GROUP.getPermissions()) {
            assertSame(ReleaseLedgerPermissions.GROUP, permission.group);
        }
    }

    @Test
    public void readersMayViewOnlyAdministratorsHoldTheRestUnlessGranted() {
        assertSame(Jenkins.READ, ReleaseLedgerPermissions.VIEW.impliedBy);
        assertSame(Jenkins.ADMINISTER, ReleaseLedgerPermissions.APPROVE.impliedBy);
        assertSame(Jenkins.ADMINISTER, ReleaseLedgerPermissions.ROLLBACK.impliedBy);
        assertSame(Jenkins.ADMINISTER, ReleaseLedgerPermissions.CONFIGURE.impliedBy);
    }
}
