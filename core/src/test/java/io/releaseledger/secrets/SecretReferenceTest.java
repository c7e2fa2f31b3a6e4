package io.releaseledger.secrets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class SecretReferenceTest {

    @Test
    public void referencesAreEnvOrFile() {
        assertEquals(new SecretReference(SecretReference.Kind.ENV, "PROBE_TOKEN"), SecretReference.parse("f", "env:PROBE_TOKEN"));
        assertEquals(new SecretReference(SecretReference.Kind.FILE, "/run/secrets/t"), SecretReference.parse("f", "file:/run/secrets/t"));
        assertEquals(Optional.empty(), SecretReference.problem("env:PROBE_TOKEN"));
    }

    @Test
    public void aMalformedReferenceIsRefusedWithoutQuotingIt() {
        for (String text : List.of("s3cr3t-value", "env:TOKEN=s3cr3t-value", "https://hooks.example.com/s3cr3t-value")) {
            String problem = SecretReference.problem(text).orElseThrow();
            assertFalse(problem, problem.contains("s3cr3t-value"));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SecretReference.parse("field", text));
            assertFalse(e.getMessage(), e.getMessage().contains("s3cr3t-value"));
            assertTrue(e.getMessage(), e.getMessage().startsWith("field is not valid: " + problem));
        }
        assertEquals("file: must be followed by a path", SecretReference.problem("file:").orElseThrow());
        assertEquals("it is empty", SecretReference.problem(" ").orElseThrow());
    }

    @Test
    public void readsTheVariableOrTheFileWithoutItsTrailingNewline() throws Exception {
        assertEquals("hunter2", SecretReference.parse("f", "env:X").read("f", Map.of("X", "hunter2")));
        Path file = Files.createTempFile("secret", ".txt");
        try {
            Files.writeString(file, "hunter2\n");
            assertEquals("hunter2", SecretReference.parse("f", "file:" + file).read("f", Map.of()));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    public void anUnsetVariableNamesTheFieldAndTheVariable() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SecretReference.parse("f", "env:X").read("notifications.webhooks[0].url", Map.of()));
        assertEquals("notifications.webhooks[0].url", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("environment variable X is not set"));
    }
}
