package io.releaseledger.artifact;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.Test;

public class FileDigestTest {

    @Test
    public void matchesSha256sumOfAFileLargerThanTheBuffer() throws Exception {
        Path file = Files.createTempFile("artifact", ".bin");
        byte[] content = new byte[3 * (1 << 20) + 12345];
        new Random(7).nextBytes(content);
        Files.write(file, content);
        Process p = new ProcessBuilder("sha256sum", file.toString()).start();
        String expected = new String(p.getInputStream().readAllBytes()).split(" ")[0];
        assertEquals(0, p.waitFor());
        assertEquals("sha256:" + expected, FileDigest.sha256(file).value());
        assertEquals(Digest.sha256(content), FileDigest.sha256(file));
        Files.delete(file);
    }

    @Test
    public void emptyFileHasTheWellKnownEmptyDigest() throws Exception {
        Path file = Files.createTempFile("empty", ".bin");
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                FileDigest.sha256(file).value());
        Files.delete(file);
    }
}
