package io.releaseledger.artifact;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.releaseledger.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class DigestTest {
    private static final String HEX = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    public void acceptsLowerCaseSha256() {
        assertEquals(HEX, Digest.of("sha256:" + HEX).hex());
    }

    @Test
    public void hashesBytesLikeSha256sum() {
        // sha256("test"), as printed by sha256sum
        assertEquals(Digest.of("sha256:" + HEX), Digest.sha256("test".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void refusesUpperCaseHexShowingTheLowerCaseForm() {
        var e = assertThrows(InvalidInputException.class, () -> Digest.of("sha256:" + HEX.toUpperCase()));
        assertEquals("digest", e.field());
        assertThat(e.getMessage(), containsString("use lower-case hex digits (sha256:" + HEX + ")"));
    }

    @Test
    public void refusesMissingAlgorithmPrefix() {
        var e = assertThrows(InvalidInputException.class, () -> Digest.of(HEX));
        assertThat(e.getMessage(), containsString("expected sha256: followed by 64 lower-case hex digits"));
    }

    @Test
    public void refusesShortDigest() {
        assertThrows(InvalidInputException.class, () -> Digest.of("sha256:" + HEX.substring(1)));
    }

    @Test
    public void refusesOtherAlgorithms() {
        assertThrows(InvalidInputException.class, () -> Digest.of("md5:" + HEX));
    }
}
