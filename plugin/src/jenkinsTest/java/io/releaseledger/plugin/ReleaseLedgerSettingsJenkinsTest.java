package io.releaseledger.plugin;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The global configuration in a real Jenkins (needs the Jenkins repository; run with -Pjenkins; it has not run on this
 * project's machines): Configuration as Code exports every setting and imports the export unchanged; Manage Jenkins →
 * Release Ledger is where Release Ledger/Configure, without Administer, configures it; an invalid submit saves nothing.
 */
public class ReleaseLedgerSettingsJenkinsTest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    @ConfiguredWithCode("release-ledger-casc.yaml")
    public void configurationAsCodeExportThenImportKeepsEverySetting() throws Exception {
        ReleaseLedgerConfiguration configuration = ReleaseLedgerConfiguration.get();
        String applied = ReleaseLedgerConfigurationFormTest.settings(configuration);
        assertTrue(applied, applied.contains("freeze year-end Europe/Berlin cron=null duration=null start=2026-12-20 end=2027-01-04"));
        assertTrue(applied, applied.contains("webhook pager-webhook header=Authorization/pager-token events=rollback.failed"));
        assertEquals(List.of("dev", "staging", "production"), configuration.toEnvironmentConfig().names());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = Util.toYamlString(Util.getUnclassifiedRoot(context).get("releaseLedger"));

        // Forget everything, then apply the export as an administrator would apply a jenkins.yaml.
        configuration.setEnvironments(List.of());
        configuration.setWebhooks(List.of());
        configuration.setLedgerUrl(null);
        configuration.setLedgerCredentialsId(null);
        Path yaml = tmp.newFile("exported.yaml").toPath();
        Files.writeString(yaml, "unclassified:\n  releaseLedger:\n" + exported.indent(4), StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(yaml.toUri().toString());

        assertEquals(exported, applied, ReleaseLedgerConfigurationFormTest.settings(ReleaseLedgerConfiguration.get()));
    }

    @Test
    public void releaseLedgerConfigureWithoutAdministerSavesThroughItsOwnPage() throws Exception {
        ReleaseEnvironment production = new ReleaseEnvironment("production");
        production.setApprovalsRequired(1);
        production.setApprovers("alice");
        ReleaseLedgerConfiguration.get().setEnvironments(List.of(production));
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, ReleaseLedgerPermissions.CONFIGURE).everywhere().to("release-manager")
                .grant(Jenkins.READ).everywhere().to("reader"));

        JenkinsRule.WebClient manager = r.createWebClient().login("release-manager");
        HtmlPage page = manager.goTo("manage/" + ReleaseLedgerManagementLink.URL_NAME + "/");
        HtmlForm form = page.getFormByName("config");
        form.getTextAreaByName("_.approvers").setText("alice\nbob");
        r.submit(form);
        assertEquals("alice\nbob", ReleaseLedgerConfiguration.get().getEnvironments().get(0).getApprovers());

        manager.setThrowExceptionOnFailingStatusCode(false);
        assertEquals("the System page still needs Overall/Manage", 403, manager.goTo("configure").getWebResponse().getStatusCode());
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);
        assertEquals(403, reader.goTo("manage/" + ReleaseLedgerManagementLink.URL_NAME + "/").getWebResponse().getStatusCode());
    }

    @Test
    public void anInvalidSubmitNamesTheFieldAndSavesNothing() throws Exception {
        ReleaseEnvironment production = new ReleaseEnvironment("production");
        production.setApprovalTimeout("4h");
        ReleaseLedgerConfiguration.get().setEnvironments(List.of(production));
        Path file = r.jenkins.getRootDir().toPath().resolve(ReleaseLedgerConfiguration.class.getName() + ".xml");
        byte[] saved = Files.readAllBytes(file);

        JenkinsRule.WebClient admin = r.createWebClient();
        HtmlForm form = admin.goTo("manage/" + ReleaseLedgerManagementLink.URL_NAME + "/").getFormByName("config");
        form.getTextAreaByName("_.approvers").setText("bob");   // valid, and earlier in the form
        form.getInputByName("_.approvalTimeout").setValue("4x");
        admin.setThrowExceptionOnFailingStatusCode(false);
        Page answer = r.submit(form);

        assertTrue(answer.getWebResponse().getContentAsString(),
                answer.getWebResponse().getContentAsString().contains("environments.production.approval.timeout"));
        assertEquals("the approvers, valid and earlier in the form, were not applied", null,
                ReleaseLedgerConfiguration.get().getEnvironments().get(0).getApprovers());
        assertEquals("4h", ReleaseLedgerConfiguration.get().getEnvironments().get(0).getApprovalTimeout());
        assertArrayEquals("nothing written", saved, Files.readAllBytes(file));
    }
}
