package io.releaseledger.secrets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class SecretBindingTest {

    @Test
    public void keepsVariableAndReference() {
        SecretBinding binding = new SecretBinding("API_TOKEN", "staging-probe-token");
        assertEquals("API_TOKEN", binding.variable());
        assertEquals("staging-probe-token", binding.reference());
    }

    @Test
    public void acceptsUnderscoreStartAndDigitsAfterTheFirstCharacter() {
        new SecretBinding("_TOKEN_2", "/run/secrets/token");
    }

    @Test
    public void refusesVariableStartingWithADigitNamingTheFieldAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SecretBinding("2FA_CODE", "ref"));
        assertTrue(e.getMessage(), e.getMessage().contains("variable '2FA_CODE'"));
        assertTrue(e.getMessage(), e.getMessage().contains("letters, digits and underscores"));
    }

    @Test
    public void refusesVariableWithCharactersAShellCannotName() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBinding("API-TOKEN", "ref"));
        assertThrows(IllegalArgumentException.class, () -> new SecretBinding("API TOKEN", "ref"));
    }

    @Test
    public void refusesMissingVariable() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBinding(null, "ref"));
        assertThrows(IllegalArgumentException.class, () -> new SecretBinding("", "ref"));
    }

    @Test
    public void acceptsVariableOf128Characters() {
        new SecretBinding("A".repeat(SecretBinding.MAX_VARIABLE_LENGTH), "ref");
    }

    @Test
    public void refusesVariableLongerThan128CharactersWithoutEchoingIt() {
        String pastedValue = "A".repeat(129);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SecretBinding(pastedValue, "ref"));
        assertFalse(e.getMessage(), e.getMessage().contains(pastedValue));
        assertTrue(e.getMessage(), e.getMessage().contains("at most 128"));
    }

    @Test
    public void refusesMissingOrBlankReferenceNamingTheVariable() {
        NullPointerException missing = assertThrows(NullPointerException.class, () -> new SecretBinding("API_TOKEN", null));
        assertTrue(missing.getMessage(), missing.getMessage().contains("API_TOKEN"));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> new SecretBinding("API_TOKEN", " "));
        assertTrue(blank.getMessage(), blank.getMessage().contains("reference is blank for variable API_TOKEN"));
    }
}
