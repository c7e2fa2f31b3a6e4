package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import hudson.util.FormValidation;
import org.junit.Test;

/**
 * The checks behind the {@code doCheck…} methods (which first require POST and the Configure permission,
 * and so need a running Jenkins): core's refusal, one line naming the field, becomes the field's error.
 */
public class FormValidationTest {
    @Test
    public void environmentFields() {
        assertOk(ReleaseEnvironment.validateName("production"));
        assertError(ReleaseEnvironment.validateName("prod env"), "name");
        assertError(ReleaseEnvironment.validateName(""), "name");
        assertOk(ReleaseEnvironment.validateRequires("dev, staging"));
        assertError(ReleaseEnvironment.validateRequires("dev, -staging"), "name");
        assertOk(ReleaseEnvironment.validateApprovalsRequired("2", "alice, group:qa"));
        assertOk(ReleaseEnvironment.validateApprovalsRequired("", ""));
        assertError(ReleaseEnvironment.validateApprovalsRequired("2", "alice"), "can never be given");
        assertError(ReleaseEnvironment.validateApprovalsRequired("1", ""), "no approvers are listed");
        assertOk(ReleaseEnvironment.validateApprovalsRequired("1", "group:")); // said under the approvers
        assertError(ReleaseEnvironment.validateApprovers("group:"), "approvers");
        assertOk(ReleaseEnvironment.validateApprovers("alice, group:qa"));
        assertOk(ReleaseEnvironment.validateApprovers(""));
        assertError(ReleaseEnvironment.validateApprovalsRequired("two", "alice"), "approval.required");
        assertError(ReleaseEnvironment.validateApprovalsRequired("-1", "alice"), "required");
        assertOk(ReleaseEnvironment.validateApprovalTimeout(""));
        assertOk(ReleaseEnvironment.validateApprovalTimeout("1h30m"));
        assertError(ReleaseEnvironment.validateApprovalTimeout("90"), "timeout");
        assertOk(ReleaseEnvironment.validateAllowedDeployers("team-a/**\npayments/*-deploy"));
        assertError(ReleaseEnvironment.validateAllowedDeployers("team-a/x**"), "allowedDeployers");
        assertOk(ReleaseEnvironment.validateOnInconclusive("healthy"));
        assertError(ReleaseEnvironment.validateOnInconclusive("ok"), "onInconclusive");
    }

    @Test
    public void freezeAndBindingFields() {
        assertOk(FreezeWindowEntry.validateZone("Europe/Berlin"));
        assertError(FreezeWindowEntry.validateZone("+01:00"), "zone");
        assertError(FreezeWindowEntry.validateZone("Mars/Olympus"), "zone");
        assertOk(CredentialBindingEntry.validateVariable("DB_PASSWORD"));
        assertError(CredentialBindingEntry.validateVariable("RELEASE_DIGEST"), "reserved");
        assertError(CredentialBindingEntry.validateVariable("1PASSWORD"), "credentials");
        assertOk(CredentialBindingEntry.validateCredentialsId("staging-db"));
        assertError(CredentialBindingEntry.validateCredentialsId("has space"), "credentials id");
    }

    @Test
    public void ledgerStoreFields() {
        FormValidation embedded = ReleaseLedgerConfiguration.validateLedgerUrl("");
        assertEquals(FormValidation.Kind.OK, embedded.kind);
        assertTrue(embedded.getMessage(), embedded.getMessage().contains("embedded H2 ledger"));
        assertOk(ReleaseLedgerConfiguration.validateLedgerUrl("jdbc:postgresql://db:5432/release_ledger"));
        assertError(ReleaseLedgerConfiguration.validateLedgerUrl("jdbc:h2:/tmp/x"), "PostgreSQL JDBC URL");
        FormValidation withPassword = ReleaseLedgerConfiguration.validateLedgerUrl("jdbc:postgresql://u:hunter2@db/l");
        assertEquals(FormValidation.Kind.ERROR, withPassword.kind);
        assertTrue("never echoes the password", !withPassword.getMessage().contains("hunter2"));
        java.util.function.Predicate<String> known = "ledger-db"::equals;
        assertOk(ReleaseLedgerConfiguration.validateLedgerCredentialsId("", "", known));
        assertEquals(FormValidation.Kind.WARNING,
                ReleaseLedgerConfiguration.validateLedgerCredentialsId("ledger-db", "", known).kind);
        assertOk(ReleaseLedgerConfiguration.validateLedgerCredentialsId("ledger-db", "jdbc:postgresql://db/l", known));
        assertError(ReleaseLedgerConfiguration.validateLedgerCredentialsId("", "jdbc:postgresql://db/l", known), "credential");
        assertError(ReleaseLedgerConfiguration.validateLedgerCredentialsId("ledger-bd", "jdbc:postgresql://db/l", known),
                "No username/password credential with id &#039;ledger-bd&#039;"); // FormValidation escapes, as Jenkins' does
    }

    @Test
    public void credentialsAreListedOnlyToThoseWhoMayConfigure() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        String shown = ReleaseLedgerConfiguration.credentialItems(false, () -> "current only", () -> {
            asked.add("all");
            return "all";
        });
        assertEquals("current only", shown);
        assertTrue("the list of credentials is never built for them", asked.isEmpty());
        assertEquals("all", ReleaseLedgerConfiguration.credentialItems(true, () -> "current only", () -> "all"));
    }

    private static void assertOk(FormValidation validation) {
        assertEquals(String.valueOf(validation.getMessage()), FormValidation.Kind.OK, validation.kind);
    }

    private static void assertError(FormValidation validation, String expected) {
        assertEquals(FormValidation.Kind.ERROR, validation.kind);
        assertTrue(validation.getMessage(), validation.getMessage().contains(expected));
    }
}
