package io.releaseledger.artifact;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.releaseledger.InvalidInputException;
import org.junit.Test;

public class ArtifactRegistrationTest {
    private static final Digest DIGEST = Digest.sha256(new byte[] {1});

    private static InvalidInputException refused(String name, String version) {
        return assertThrows(InvalidInputException.class,
                () -> new ArtifactRegistration(name, version, DIGEST, ArtifactKind.FILE, null, null));
    }

    @Test
    public void acceptsImagePathsAsNames() {
        var r = new ArtifactRegistration("registry.example.com/team/payments-api", "1.4.2+build.7", DIGEST,
                ArtifactKind.CONTAINER_IMAGE, null, null);
        assertEquals(ArtifactSource.NONE, r.source());
    }

    @Test
    public void refusesEmptyNameSayingItIsRequired() {
        var e = refused("", "1.0");
        assertEquals("artifact name", e.field());
        assertThat(e.getMessage(), containsString("it is required"));
    }

    @Test
    public void refusesOversizedNameSayingTheLimit() {
        var e = refused("a".repeat(201), "1.0");
        assertThat(e.getMessage(), containsString("201 characters long; at most 200 are allowed"));
        assertThat(e.getMessage(), containsString("…"));
    }

    @Test
    public void refusesControlCharactersShowingThemEscaped() {
        var e = refused("payments\napi", "1.0");
        assertThat(e.getMessage(), containsString("'payments\\u000aapi'"));
        assertThat(e.getMessage(), containsString("U+000A at position 9"));
    }

    @Test
    public void refusesVersionWithSpaces() {
        var e = refused("payments-api", "1.0 beta");
        assertEquals("artifact version", e.field());
        assertThat(e.getMessage(), containsString("e.g. 1.4.2"));
    }
}
