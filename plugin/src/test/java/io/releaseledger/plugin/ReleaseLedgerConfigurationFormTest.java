package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.BulkChange;
import hudson.model.Descriptor.FormException;
import io.releaseledger.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONObject;
import org.junit.Test;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The global configuration's form as Jenkins submits it: bound with Stapler's rules ({@link StaplerBinding}), checked
 * whole, applied and saved once; an invalid form is one error naming the field and changes nothing. Configuration as
 * Code's way (setters inside a {@link BulkChange}) saves once too.
 */
public class ReleaseLedgerConfigurationFormTest {
    /** The configuration without Jenkins: counts writes and reopenings instead of doing them. */
    static final class Recording extends ReleaseLedgerConfiguration {
        int saves;
        int reopens;
        final List<String> permissionChecks = new ArrayList<>();

        Recording() {
            this(() -> { });
        }

        Recording(Runnable checkConfigure) {
            super(checkConfigure, false);
        }

        @Override
        void persist() {
            saves++;
        }

        @Override
        void settingsChanged() {
            reopens++;
        }
    }

    private final StaplerRequest2 request = StaplerBinding.request();

    /** What the page sends for every setting filled in, two environments and a webhook. */
    static JSONObject fullForm() {
        JSONObject weekend = new JSONObject().element("name", "weekend").element("zone", "Europe/Berlin")
                .element("cron", "0 18 * * FRI").element("duration", "62h").element("start", "").element("end", "");
        JSONObject yearEnd = new JSONObject().element("name", "year-end").element("zone", "Europe/Berlin")
                .element("cron", "").element("duration", "").element("start", "2026-12-20").element("end", "2027-01-04");
        JSONObject staging = environment("staging").element("order", "1").element("allowedDeployers", "team-a/**")
                .element("credentials", new JSONObject().element("variable", "KUBECONFIG_STAGING")
                        .element("credentialsId", "staging-kubeconfig"));
        JSONObject production = environment("production").element("order", "2").element("requires", "staging")
                .element("approvalsRequired", "2").element("approvers", "alice\ngroup:release-managers")
                .element("allowSelfApproval", true).element("approvalTimeout", "4h").element("autoRollback", false)
                .element("onInconclusive", "healthy").element("allowedDeployers", "team-a/payments/*-deploy")
                .element("freezes", List.of(weekend, yearEnd))
                .element("credentials", List.of(new JSONObject().element("variable", "DEPLOY_TOKEN")
                        .element("credentialsId", "production-deploy-token")));
        JSONObject webhook = new JSONObject().element("urlCredentialsId", "pager-webhook")
                .element("headerName", "Authorization").element("headerCredentialsId", "pager-token")
                .element("events", "rollback.failed\napproval.requested");
        return new JSONObject().element("ledgerUrl", "jdbc:postgresql://db.example.com:5432/release_ledger")
                .element("ledgerCredentialsId", "release-ledger-db")
                .element("environments", List.of(staging, production))
                .element("webhooks", webhook);
    }

    /** An environment's entry with its fields as an untouched page sends them. */
    static JSONObject environment(String name) {
        return new JSONObject().element("name", name).element("order", "0").element("requires", "")
                .element("approvalsRequired", "0").element("approvers", "").element("allowSelfApproval", false)
                .element("approvalTimeout", "").element("autoRollback", true).element("onInconclusive", "")
                .element("allowedDeployers", "");
    }

    /** The form as config.jelly renders {@code configuration}: every field from its getter, as the page would send it back. */
    static JSONObject formOf(ReleaseLedgerConfiguration configuration) {
        List<JSONObject> environments = new ArrayList<>();
        for (ReleaseEnvironment e : configuration.getEnvironments()) {
            List<JSONObject> freezes = new ArrayList<>();
            for (FreezeWindowEntry f : e.getFreezes()) {
                freezes.add(new JSONObject().element("name", text(f.getName())).element("zone", text(f.getZone()))
                        .element("cron", text(f.getCron())).element("duration", text(f.getDuration()))
                        .element("start", text(f.getStart())).element("end", text(f.getEnd())));
            }
            List<JSONObject> bindings = new ArrayList<>();
            for (CredentialBindingEntry c : e.getCredentials()) {
                bindings.add(new JSONObject().element("variable", c.getVariable()).element("credentialsId", c.getCredentialsId()));
            }
            JSONObject entry = new JSONObject().element("name", e.getName()).element("order", String.valueOf(e.getOrder()))
                    .element("requires", text(e.getRequires())).element("approvalsRequired", String.valueOf(e.getApprovalsRequired()))
                    .element("approvers", text(e.getApprovers())).element("allowSelfApproval", e.isAllowSelfApproval())
                    .element("approvalTimeout", text(e.getApprovalTimeout())).element("autoRollback", e.isAutoRollback())
                    .element("onInconclusive", text(e.getOnInconclusive())).element("allowedDeployers", text(e.getAllowedDeployers()));
            if (!freezes.isEmpty()) entry.element("freezes", freezes);
            if (!bindings.isEmpty()) entry.element("credentials", bindings);
            environments.add(entry);
        }
        List<JSONObject> webhooks = new ArrayList<>();
        for (ReleaseWebhook w : configuration.getWebhooks()) {
            webhooks.add(new JSONObject().element("urlCredentialsId", w.getUrlCredentialsId())
                    .element("headerName", text(w.getHeaderName())).element("headerCredentialsId", text(w.getHeaderCredentialsId()))
                    .element("events", text(w.getEvents())));
        }
        JSONObject form = new JSONObject().element("ledgerUrl", text(configuration.getLedgerUrl()))
                .element("ledgerCredentialsId", text(configuration.getLedgerCredentialsId()));
        if (!environments.isEmpty()) form.element("environments", environments);
        if (!webhooks.isEmpty()) form.element("webhooks", webhooks);
        return form;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** Every setting, as one text, to compare two configurations whole. */
    static String settings(ReleaseLedgerConfiguration c) {
        StringBuilder s = new StringBuilder("url=" + c.getLedgerUrl() + " credentials=" + c.getLedgerCredentialsId());
        for (ReleaseEnvironment e : c.getEnvironments()) {
            s.append("\nenv ").append(e.getName()).append(" order=").append(e.getOrder()).append(" requires=").append(e.getRequires())
                    .append(" approvals=").append(e.getApprovalsRequired()).append(" approvers=").append(e.getApprovers())
                    .append(" self=").append(e.isAllowSelfApproval()).append(" timeout=").append(e.getApprovalTimeout())
                    .append(" autoRollback=").append(e.isAutoRollback()).append(" inconclusive=").append(e.getOnInconclusive())
                    .append(" deployers=").append(e.getAllowedDeployers());
            for (FreezeWindowEntry f : e.getFreezes()) {
                s.append("\n  freeze ").append(f.getName()).append(' ').append(f.getZone()).append(" cron=").append(f.getCron())
                        .append(" duration=").append(f.getDuration()).append(" start=").append(f.getStart()).append(" end=").append(f.getEnd());
            }
            for (CredentialBindingEntry b : e.getCredentials()) {
                s.append("\n  binding ").append(b.getVariable()).append('=').append(b.getCredentialsId());
            }
        }
        for (ReleaseWebhook w : c.getWebhooks()) {
            s.append("\nwebhook ").append(w.getUrlCredentialsId()).append(" header=").append(w.getHeaderName()).append('/')
                    .append(w.getHeaderCredentialsId()).append(" events=").append(w.getEvents());
        }
        return s.toString();
    }

    @Test
    public void aSubmittedFormIsBoundAppliedAndSavedOnce() throws Exception {
        Recording configuration = new Recording();
        assertTrue(configuration.configure(request, fullForm()));

        assertEquals("jdbc:postgresql://db.example.com:5432/release_ledger", configuration.getLedgerUrl());
        assertEquals("release-ledger-db", configuration.getLedgerCredentialsId());
        assertEquals(List.of("staging", "production"), configuration.toEnvironmentConfig().names());
        ReleaseEnvironment production = configuration.getEnvironments().get(1);
        assertEquals(2, production.getApprovalsRequired());
        assertEquals("alice\ngroup:release-managers", production.getApprovers());
        assertTrue(production.isAllowSelfApproval());
        assertEquals(List.of("weekend", "year-end"), production.getFreezes().stream().map(FreezeWindowEntry::getName).toList());
        assertEquals("2027-01-04", production.getFreezes().get(1).getEnd());
        assertEquals("production-deploy-token", production.getCredentials().get(0).getCredentialsId());
        assertEquals("KUBECONFIG_STAGING", configuration.getEnvironments().get(0).getCredentials().get(0).getVariable());
        assertEquals("pager-token", configuration.getWebhooks().get(0).getHeaderCredentialsId());
        assertEquals("one save for the whole form", 1, configuration.saves);
        assertEquals("and the ledger reopened once, after it", 1, configuration.reopens);
    }

    @Test
    public void theFormRoundTripKeepsEverySetting() throws Exception {
        Recording first = new Recording();
        first.configure(request, fullForm());
        Recording second = new Recording();
        second.configure(request, formOf(first));
        assertEquals(settings(first), settings(second));
        // And once more from the result: the page shows what it saved, so saving it unchanged changes nothing.
        Recording third = new Recording();
        third.configure(request, formOf(second));
        assertEquals(settings(first), settings(third));
    }

    @Test
    public void anInvalidEnvironmentIsAFormErrorNamingTheFieldAndNothingChanges() throws Exception {
        Recording configuration = new Recording();
        configuration.configure(request, fullForm());
        String before = settings(configuration);
        int saves = configuration.saves;

        JSONObject form = fullForm().element("ledgerUrl", "jdbc:postgresql://other.example.com/ledger")
                .element("environments", List.of(environment("staging"),
                        environment("production").element("approvalTimeout", "4x")));
        FormException e = assertThrows(FormException.class, () -> configuration.configure(request, form));
        assertEquals("environments", e.getFormField());
        assertTrue(e.getMessage(), e.getMessage().startsWith("Release Ledger was not saved: environments.production.approval.timeout: "));
        assertTrue(e.getMessage(), e.getMessage().contains("4x"));
        assertEquals("the URL, valid and earlier in the form, was not applied either", before, settings(configuration));
        assertEquals("nothing saved", saves, configuration.saves);
    }

    @Test
    public void eachKindOfInvalidSettingNamesItsOwnField() {
        assertRefused(fullForm().element("ledgerUrl", "jdbc:mysql://db/ledger"), "ledgerUrl", "ledger url");
        assertRefused(fullForm().element("ledgerUrl", "jdbc:postgresql://db/ledger?password=hunter2"), "ledgerUrl",
                "contains a password");
        assertRefused(fullForm().element("ledgerCredentialsId", " "), "ledgerCredentialsId", "ledger credentials");
        assertRefused(fullForm().element("environments", List.of(environment("staging"), environment("prod env"))),
                "environments", "environments.");
        assertRefused(fullForm().element("environments", environment("production").element("requires", "stagign")),
                "environments", "environments.production.requires");
        assertRefused(fullForm().element("webhooks", new JSONObject().element("urlCredentialsId", "hook")
                .element("headerName", "Authorization").element("headerCredentialsId", "").element("events", "")),
                "webhooks", "webhooks.hook.headerCredentialsId");
        assertRefused(fullForm().element("environments", environment("staging").element("approvalsRequired", "two")),
                "environments", "could not be read");
    }

    private void assertRefused(JSONObject form, String field, String inMessage) {
        Recording configuration = new Recording();
        FormException e = assertThrows(FormException.class, () -> configuration.configure(request, form));
        assertEquals(e.getMessage(), field, e.getFormField());
        assertTrue(e.getMessage(), e.getMessage().contains(inMessage));
        assertTrue("the password never reaches the message", !e.getMessage().contains("hunter2"));
        assertEquals(0, configuration.saves);
        assertEquals(List.of(), configuration.getEnvironments());
    }

    @Test
    public void deletingTheLastEnvironmentAndWebhookSticks() throws Exception {
        Recording configuration = new Recording();
        configuration.configure(request, fullForm());
        // What the page sends once both lists' last entries were deleted: the lists are left out.
        configuration.configure(request, new JSONObject().element("ledgerUrl", "").element("ledgerCredentialsId", ""));
        assertEquals(List.of(), configuration.getEnvironments());
        assertEquals(List.of(), configuration.getWebhooks());
        assertEquals(null, configuration.getLedgerUrl());
    }

    @Test
    public void theConfigurePermissionIsCheckedBeforeAnythingIsRead() {
        RuntimeException denied = new IllegalStateException("denied: Release Ledger/Configure");
        Recording configuration = new Recording(() -> {
            throw denied;
        });
        StaplerRequest2 untouchable = StaplerBinding.request(); // reading the form after a refusal would be a bug too
        assertSame(denied, assertThrows(IllegalStateException.class, () -> configuration.configure(untouchable, fullForm())));
        assertEquals(0, configuration.saves);
        assertEquals(List.of(), configuration.getEnvironments());
    }

    @Test
    public void theSystemPageSectionNeedsReleaseLedgerConfigure() {
        assertSame(ReleaseLedgerPermissions.CONFIGURE, new Recording().getRequiredGlobalConfigPagePermission());
    }

    @Test
    public void configurationAsCodeSetsInsideABulkChangeAndSavesOnce() throws Exception {
        Recording configuration = new Recording();
        ReleaseEnvironment production = new ReleaseEnvironment("production");
        production.setApprovalsRequired(1);
        production.setApprovers("alice");
        // What Configuration as Code's BaseConfigurator.configure does for a Saveable: the setters, then one commit.
        try (BulkChange change = new BulkChange(configuration)) {
            configuration.setLedgerUrl("jdbc:postgresql://db.example.com/release_ledger");
            configuration.setLedgerCredentialsId("release-ledger-db");
            configuration.setEnvironments(List.of(new ReleaseEnvironment("staging"), production));
            configuration.setWebhooks(List.of(new ReleaseWebhook("chat-webhook")));
            assertEquals("nothing written while the change is open", 0, configuration.saves);
            change.commit();
        }
        assertEquals(1, configuration.saves);
        assertEquals(1, configuration.reopens);
        assertEquals(List.of("staging", "production"), configuration.toEnvironmentConfig().names());
    }

    @Test
    public void aScriptCallingASetterSavesAndReopens() {
        Recording configuration = new Recording();
        configuration.setEnvironments(List.of(new ReleaseEnvironment("dev")));
        assertEquals(1, configuration.saves);
        assertEquals(1, configuration.reopens);
    }

    @Test
    public void settersRefuseInvalidValuesBeforeChangingAnything() {
        Recording configuration = new Recording();
        assertThrows(InvalidInputException.class, () -> configuration.setLedgerUrl("jdbc:mysql://db/ledger"));
        ReleaseEnvironment broken = new ReleaseEnvironment("production");
        broken.setApprovalTimeout("4x");
        assertThrows(InvalidInputException.class, () -> configuration.setEnvironments(List.of(broken)));
        assertEquals(null, configuration.getLedgerUrl());
        assertEquals(List.of(), configuration.getEnvironments());
        assertEquals(0, configuration.saves);
    }
}
