package io.releaseledger.secrets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.releaseledger.testing.HostileSecret;
import org.junit.Test;

public class SecretMaskTest {

    private static SecretMask mask(String... secrets) {
        return SecretMask.ofValues(List.of(secrets));
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void masksEveryOccurrenceOfASecret() {
        assertEquals("token=**** again ****.", mask("hunter2").mask("token=hunter2 again hunter2."));
    }

    @Test
    public void leavesTextWithoutSecretsUnchanged() {
        String text = "deploying payments-api 1.4.2 to staging";
        assertSame(text, SecretMask.none().mask(text));
        assertEquals(text, mask("hunter2").mask(text));
    }

    @Test
    public void masksBase64FormOfSecret() {
        String secret = "s3cr3t-value!"; // 13 bytes: the standard encoding ends in padding
        assertTrue(base64(secret).endsWith("="));
        assertEquals("Authorization: ****", mask(secret).mask("Authorization: " + base64(secret)));
    }

    @Test
    public void masksBase64FormOfSecretWithoutPadding() {
        String secret = "s3cr3t-value!";
        String unpadded = base64(secret).replace("=", "");
        assertEquals("x **** y", mask(secret).mask("x " + unpadded + " y"));
    }

    @Test
    public void masksSecretInsideLongerBase64TextAtEveryByteOffset() {
        String secret = "correct-horse-battery";
        SecretMask mask = mask(secret);
        for (String user : List.of("u:", "us:", "use:")) { // three offsets of the secret within base64 groups
            String basicAuth = "Basic " + base64(user + secret);
            String masked = mask.mask(basicAuth);
            assertTrue(masked, masked.contains(SecretMask.REPLACEMENT));
            for (int offset = 0; offset < 3; offset++) {
                String fragment = SecretMask.embeddedBase64(secret.getBytes(StandardCharsets.UTF_8), offset);
                assertFalse(masked + " still shows " + fragment, masked.contains(fragment));
            }
        }
    }

    @Test
    public void embeddedBase64FormIsWhatTheSecretProducesWhateverItsNeighbours() {
        Random random = new Random(7);
        byte[] secret = "pässwörd-🔑".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 200; i++) {
            byte[] before = new byte[random.nextInt(7)];
            byte[] after = new byte[random.nextInt(4)];
            random.nextBytes(before);
            random.nextBytes(after);
            byte[] text = new byte[before.length + secret.length + after.length];
            System.arraycopy(before, 0, text, 0, before.length);
            System.arraycopy(secret, 0, text, before.length, secret.length);
            System.arraycopy(after, 0, text, before.length + secret.length, after.length);
            String encoded = Base64.getEncoder().encodeToString(text);
            String fragment = SecretMask.embeddedBase64(secret, before.length % 3);
            assertTrue(encoded + " lacks " + fragment, encoded.contains(fragment));
        }
    }

    @Test
    public void longestMatchWinsForNestedSecrets() {
        SecretMask mask = mask("abc", "abcdef", "cde");
        assertEquals("x****y", mask.mask("xabcdefy"));
        assertEquals("x****dy", mask.mask("xabcdy"));
    }

    @Test
    public void overlappingSecretsAreMaskedAsOneRunShowingNeitherPart() {
        assertEquals("<****>", mask("abcdef", "defghi").mask("<abcdefghi>"));
    }

    @Test
    public void adjacentOccurrencesAreMaskedOneByOne() {
        assertEquals("********", mask("abcdef").mask("abcdefabcdef"));
    }

    @Test
    public void masksMultibyteSecret() {
        assertEquals("user=日本 pass=****!", mask("pässwörd🔑").mask("user=日本 pass=pässwörd🔑!"));
    }

    @Test
    public void refusesSecretShorterThanThreeCharacters() {
        Map<SecretBinding, String> values = new LinkedHashMap<>();
        values.put(new SecretBinding("DEPLOY_TOKEN", "prod-deploy-token"), "long-enough");
        values.put(new SecretBinding("PIN", "prod-pin"), "Qz");
        SecretTooShortException e = assertThrows(SecretTooShortException.class, () -> SecretMask.of(values));
        assertEquals("The secret of variable PIN (from prod-pin) is shorter than 3 characters: a secret of fewer than"
                + " 3 characters would mask ordinary output; use a longer secret.", e.getMessage());
        assertFalse(e.getMessage().contains("Qz"));
        assertEquals(List.of("variable PIN (from prod-pin)"), e.sources());
    }

    @Test
    public void namesEveryTooShortSecretAtOnce() {
        Map<SecretBinding, String> values = new LinkedHashMap<>();
        values.put(new SecretBinding("A", "ref-a"), "");
        values.put(new SecretBinding("B", "ref-b"), "12");
        SecretTooShortException e = assertThrows(SecretTooShortException.class, () -> SecretMask.of(values));
        assertEquals(List.of("variable A (from ref-a)", "variable B (from ref-b)"), e.sources());
        assertTrue(e.getMessage(), e.getMessage().startsWith("The secrets of variable A (from ref-a), variable B (from ref-b) are"));
    }

    @Test
    public void refusesUnnamedShortSecretByPositionNeverByContent() {
        SecretTooShortException e = assertThrows(SecretTooShortException.class, () -> mask("long-enough", "Qz"));
        assertTrue(e.getMessage(), e.getMessage().contains("secret value #2 of 2"));
        assertFalse(e.getMessage(), e.getMessage().contains("Qz"));
    }

    @Test
    public void refusesMissingValueNamingWhereItShouldHaveComeFrom() {
        Map<SecretBinding, String> values = new LinkedHashMap<>();
        values.put(new SecretBinding("DEPLOY_TOKEN", "prod-deploy-token"), null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> SecretMask.of(values));
        assertEquals("no secret value was given for variable DEPLOY_TOKEN (from prod-deploy-token)", e.getMessage());
        List<String> unnamed = new ArrayList<>(List.of("long-enough"));
        unnamed.add(null);
        assertEquals("no secret value was given for secret value #2 of 2",
                assertThrows(NullPointerException.class, () -> SecretMask.ofValues(unnamed)).getMessage());
    }

    @Test
    public void countsCharactersNotBytesForTheMinimumLength() {
        assertThrows(SecretTooShortException.class, () -> mask("éé")); // 4 bytes, 2 characters
        assertThrows(SecretTooShortException.class, () -> mask("🔑")); // 4 bytes, 2 chars, 1 code point
        assertEquals("****", mask("日本語").mask("日本語"));
    }

    @Test
    public void toStringNeverShowsSecrets() {
        String shown = mask("hunter2-hunter2").toString();
        assertFalse(shown, shown.contains("hunter2"));
        assertFalse(shown, shown.contains(base64("hunter2-hunter2").substring(0, 8)));
    }

    // --- every form of a hostile secret --------------------------------------------------------------

    static final String HOSTILE = HostileSecret.VALUE;

    static Map<String, String> formsOf(String secret) {
        return HostileSecret.forms(secret);
    }

    @Test
    public void everyFormOfASecretWithQuotesDollarSpacesANewlineAndNonAsciiLettersIsMasked() {
        SecretMask mask = mask(HOSTILE);
        List<String> lines = List.of(HOSTILE.split("\n"));
        for (Map.Entry<String, String> form : formsOf(HOSTILE).entrySet()) {
            String masked = mask.mask("before " + form.getValue() + " after");
            assertFalse(form.getKey() + ": " + masked, masked.contains(form.getValue()));
            assertTrue(form.getKey() + ": " + masked, masked.contains("****"));
            for (String line : lines) {
                assertFalse(form.getKey() + " shows a line: " + masked, masked.contains(line));
            }
        }
        for (String line : lines) {
            for (Map.Entry<String, String> form : formsOf(line).entrySet()) {
                String masked = mask.mask("[" + form.getValue() + "]");
                assertFalse("line " + line + ", " + form.getKey() + ": " + masked, masked.contains(form.getValue()));
                assertTrue("line " + line + ", " + form.getKey() + ": " + masked, masked.contains("****"));
            }
        }
    }

    @Test
    public void whatBashAndDashPrintUnderSetXIsMasked() throws Exception {
        SecretMask mask = mask(HOSTILE);
        for (String shell : List.of("/bin/bash", "/bin/dash")) {
            if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of(shell))) {
                continue;
            }
            ProcessBuilder pb = new ProcessBuilder(shell, "-xc", "x=\"$S\"; curl -H \"Authorization: Bearer $S\" >/dev/null 2>&1; true");
            pb.environment().put("S", HOSTILE);
            Process p = pb.start();
            String trace = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor());
            assertTrue(shell + " printed the secret: " + trace, trace.contains("zweite Zeile"));
            String masked = mask.mask(trace);
            for (String line : HOSTILE.split("\n")) {
                assertFalse(shell + ": " + masked, masked.contains(line));
            }
            assertFalse(shell + ": " + masked, masked.contains("wörd"));
            assertFalse(shell + ": " + masked, masked.contains("zweite"));
        }
    }

    @Test
    public void whatBashsPrintfQuotedPrintsIsMaskedInAUtf8AndTheCLocale() throws Exception {
        org.junit.Assume.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/bin/bash")));
        SecretMask mask = mask(HOSTILE, "plain secret, no newline: it's $5");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", "for s in \"$S\" \"$T\"; do printf '%q\\n' \"$s\";"
                + " LC_ALL=C printf '%q\\n' \"$s\"; done");
        pb.environment().put("S", HOSTILE);
        pb.environment().put("T", "plain secret, no newline: it's $5");
        pb.environment().put("LANG", "C.UTF-8");
        Process p = pb.start();
        String quoted = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertTrue(quoted, quoted.contains("\\303\\266")); // the C locale's octal bytes
        assertEquals(quoted, "$'****'\n$'****'\n****\n****\n", mask.mask(quoted));
    }

    @Test
    public void eachLongEnoughLineOfAMultiLineSecretIsMaskedAlone() {
        SecretMask mask = mask("-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34Gkx\nab\n-----END KEY-----");
        assertEquals("key line: ****", mask.mask("key line: MIIBOgIBAAJBAKj34Gkx"));
        assertEquals("its hex: ****", mask.mask("its hex: " + java.util.HexFormat.of().formatHex(
                "MIIBOgIBAAJBAKj34Gkx".getBytes(StandardCharsets.UTF_8))));
        assertEquals("a line shorter than " + SecretForms.MINIMUM_LINE_LENGTH + " characters would mask ordinary words",
                "crab", mask.mask("crab"));
    }

    /**
     * Every form jenkinsci/credentials-binding's pattern factories (728.v902a_273b_8947) mask, written out here from
     * what each factory does: Literal; Bash (quote doubled as '\'', also inside its quotes, and the value with its
     * backslash escapes consumed); Almquist ('"'"'); Dollar ($ doubled); Batch (^ escapes consumed); Base64 (standard
     * and URL-safe, the secret 0, 1 or 2 bytes into a longer text, padded or not). Each is masked whole.
     */
    @Test
    public void everyFormCredentialsBindingMasksIsMaskedWhole() {
        String secret = "it's \\$PATH\\\\ \"q\" ^^ca^ret \u00fcn\u00ef";
        SecretMask mask = mask(secret);
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("literal", secret);
        String bash = secret.replace("'", "'\\''");
        forms.put("bash quoted", bash);
        forms.put("bash quoted, with its quotes", "'" + bash + "'");
        forms.put("bash, backslash escapes consumed", secret.replaceAll("(\\\\)(\\\\?)", "$2"));
        forms.put("almquist quoted", secret.replace("'", "'\"'\"'"));
        forms.put("dollars doubled", secret.replace("$", "$$"));
        forms.put("batch, caret escapes consumed", secret.replaceAll("(\\^)(\\^?)", "$2"));
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            for (String shift : List.of("", "a", "aa")) {
                String encoded = encoder.encodeToString((shift + secret).getBytes(StandardCharsets.UTF_8))
                        .substring(2 * shift.length());
                forms.put("base64 after " + shift.length() + " bytes (" + encoder + ")", encoded);
                int padding = encoded.endsWith("==") ? 3 : encoded.endsWith("=") ? 2 : 0;
                forms.put("base64 after " + shift.length() + " bytes, unpadded (" + encoder + ")",
                        encoded.substring(0, encoded.length() - padding));
            }
        }
        forms.forEach((name, form) -> assertEquals(name + ": " + form, "<****>", mask.mask("<" + form + ">")));
    }

    @Test
    public void escapesConsumedAreNotMaskedWhenTheyLeaveTooShortAValue() {
        SecretMask mask = mask("\\a\\");
        assertEquals("the value without its escapes would be one letter", "a cat", mask.mask("a cat"));
        assertEquals("****", mask.mask("\\a\\"));
    }
}
