package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import hudson.model.ManagementLink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/** Manage Jenkins → Release Ledger: who sees it, where it lives, and that its form saves through a POST. */
public class ReleaseLedgerManagementLinkTest {
    private final ReleaseLedgerManagementLink link = new ReleaseLedgerManagementLink();

    @Test
    public void releaseLedgerConfigureOpensItWithoutAdminister() {
        assertSame(ReleaseLedgerPermissions.CONFIGURE, link.getRequiredPermission());
        assertSame(ReleaseLedgerPermissions.CONFIGURE, new ReleaseLedgerConfigurationFormTest.Recording().getRequiredGlobalConfigPagePermission());
        assertSame(ManagementLink.Category.CONFIGURATION, link.getCategory());
    }

    @Test
    public void itsAddressIsItsOwnAndNoDescriptorsId() {
        assertEquals("release-ledger-configuration", link.getUrlName());
        assertNotEquals("the Releases pages keep /release-ledger/", ReleasesRootAction.URL_NAME, link.getUrlName());
        // Configuration as Code makes a root element of a link whose address is a descriptor's id or short name.
        assertNotEquals(ReleaseLedgerConfiguration.class.getSimpleName(), link.getUrlName());
        assertNotEquals(ReleaseLedgerConfiguration.class.getName(), link.getUrlName());
    }

    @Test
    public void thePageIsTheConfigurationsFormPostedToConfigure() throws Exception {
        assertNotNull(ReleaseLedgerManagementLink.class.getMethod("doConfigure", StaplerRequest2.class).getAnnotation(POST.class));
        String page = view("ReleaseLedgerManagementLink/index.jelly");
        assertTrue(page, page.contains("<f:form method=\"post\" name=\"config\" action=\"configure\">"));
        assertTrue("the same view as the System section", page.contains("page=\"${instance.globalConfigPage}\""));
        assertTrue("only for those with the permission", page.contains("permission=\"${it.requiredPermission}\""));
        assertTrue(page.contains("<f:apply/>"));
    }

    private static String view(String name) throws IOException {
        try (InputStream in = ReleaseLedgerManagementLink.class.getResourceAsStream(name)) {
            assertNotNull(name, in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
