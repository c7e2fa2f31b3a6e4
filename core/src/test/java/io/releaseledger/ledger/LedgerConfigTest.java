package io.releaseledger.ledger;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.releaseledger.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

public class LedgerConfigTest {

    @Test
    public void refusesPasswordInUrlWithoutEchoingIt() {
        var e = assertThrows(InvalidInputException.class, () -> LedgerConfig.postgres(
                "jdbc:postgresql://db:5432/ledger?user=ci&password=hunter22", "ci", new PasswordSource.None()));
        assertThat(e.getMessage(), containsString("it contains a password"));
        assertThat(e.getMessage(), not(containsString("hunter22")));
    }

    @Test
    public void refusesCredentialsInUrlAuthority() {
        var e = assertThrows(InvalidInputException.class, () -> LedgerConfig.postgres(
                "jdbc:postgresql://ci:hunter22@db:5432/ledger", "ci", new PasswordSource.None()));
        assertThat(e.getMessage(), not(containsString("hunter22")));
    }

    @Test
    public void refusesUnsupportedDatabases() {
        var e = assertThrows(InvalidInputException.class, () -> LedgerConfig.postgres(
                "jdbc:mysql://db/ledger", "ci", new PasswordSource.None()));
        assertThat(e.getMessage(), containsString("use jdbc:postgresql://HOST:PORT/DATABASE"));
    }

    @Test
    public void embeddedStoreWritesCommitsThrough() {
        LedgerConfig c = LedgerConfig.embedded(Path.of("/var/lib/jenkins/release-ledger"));
        assertThat(c.jdbcUrl(), containsString(";WRITE_DELAY=0"));
        assertEquals("jdbc:h2:file:/var/lib/jenkins/release-ledger/ledger", c.storeName());
    }

    @Test
    public void missingPasswordVariableNamesTheVariableNotAValue() {
        var source = new PasswordSource.FromEnvironment("LEDGER_DB_PASSWORD", Map.of());
        var e = assertThrows(InvalidInputException.class, source::read);
        assertEquals("passwordEnv", e.field());
        assertThat(e.getMessage(), containsString("environment variable LEDGER_DB_PASSWORD is not set"));
    }

    @Test
    public void passwordFileLosesItsTrailingNewline() throws Exception {
        Path file = java.nio.file.Files.createTempFile("pw", ".txt");
        java.nio.file.Files.writeString(file, "s3cret-value\n");
        assertEquals("s3cret-value", new PasswordSource.FromFile(file).read());
    }
}
