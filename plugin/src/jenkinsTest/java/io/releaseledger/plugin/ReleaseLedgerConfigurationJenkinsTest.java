package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;

import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** The global configuration in a real Jenkins (needs the Jenkins repository; run with -Pjenkins). */
public class ReleaseLedgerConfigurationJenkinsTest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void environmentsSurviveARestart() throws Throwable {
        sessions.then(r -> {
            ReleaseEnvironment production = new ReleaseEnvironment("production");
            production.setRequires("dev");
            production.setApprovalsRequired(1);
            production.setApprovers("group:release-managers");
            ReleaseLedgerConfiguration.get().setEnvironments(List.of(new ReleaseEnvironment("dev"), production));
        });
        sessions.then(r -> {
            assertEquals(List.of("dev", "production"), ReleaseLedgerConfiguration.get().toEnvironmentConfig().names());
            assertEquals(1, ReleaseLedgerConfiguration.get().toEnvironmentConfig().environment("production").approval().required());
        });
    }

    @Test
    public void theFormSavesWhatItShows() throws Throwable {
        sessions.then(r -> {
            ReleaseEnvironment staging = new ReleaseEnvironment("staging");
            staging.setCredentials(List.of(new CredentialBindingEntry("DB_PASSWORD", "staging-db")));
            ReleaseLedgerConfiguration.get().setEnvironments(List.of(staging));
            r.configRoundtrip();
            ReleaseEnvironment after = ReleaseLedgerConfiguration.get().getEnvironments().get(0);
            assertEquals("staging", after.getName());
            assertEquals("staging-db", after.getCredentials().get(0).getCredentialsId());
        });
    }

    @Test
    public void deletingTheLastEnvironmentAndWebhookSticks() throws Throwable {
        sessions.then(r -> {
            ReleaseLedgerConfiguration config = ReleaseLedgerConfiguration.get();
            config.setEnvironments(List.of(new ReleaseEnvironment("dev")));
            config.setWebhooks(List.of(new ReleaseWebhook("chat-webhook")));
            // What the page submits once both lists' last entries were deleted: the lists are left out.
            r.executeOnServer(() -> config.configure(org.kohsuke.stapler.Stapler.getCurrentRequest2(),
                    new net.sf.json.JSONObject()));
        });
        sessions.then(r -> {
            assertEquals(List.of(), ReleaseLedgerConfiguration.get().getEnvironments());
            assertEquals(List.of(), ReleaseLedgerConfiguration.get().getWebhooks());
        });
    }

    @Test
    public void validationNeedsPostAndTheConfigurePermission() throws Throwable {
        sessions.then(r -> {
            r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
            r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.READ).everywhere().to("reader")
                    .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
            String check = "descriptorByName/io.releaseledger.plugin.ReleaseEnvironment/checkName?value=prod%20env";

            JenkinsRule.WebClient admin = r.createWebClient().login("admin");
            admin.setThrowExceptionOnFailingStatusCode(false);
            assertEquals("GET is refused", 405, admin.goTo(check, null).getWebResponse().getStatusCode());
            Page checked = admin.getPage(admin.addCrumb(new WebRequest(new URL(r.getURL(), check), HttpMethod.POST)));
            assertEquals(200, checked.getWebResponse().getStatusCode());

            JenkinsRule.WebClient reader = r.createWebClient().login("reader");
            reader.setThrowExceptionOnFailingStatusCode(false);
            // With a valid crumb, so that the 403 is the permission check's.
            Page refused = reader.getPage(reader.addCrumb(new WebRequest(new URL(r.getURL(), check), HttpMethod.POST)));
            assertEquals("Overall/Read is not Release Ledger/Configure", 403, refused.getWebResponse().getStatusCode());
        });
    }
}
