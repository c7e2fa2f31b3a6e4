package io.releaseledger.secrets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.Test;

public class MaskingOutputStreamTest {

    private final RecordingStream target = new RecordingStream();

    private MaskingOutputStream streamMasking(String... secrets) {
        return MaskingOutputStream.of(target, List.of(secrets));
    }

    private static void write(MaskingOutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void masksSecretSplitAcrossTwoWrites() throws IOException {
        try (MaskingOutputStream out = streamMasking("hunter2")) {
            write(out, "password: hun");
            write(out, "ter2\n");
        }
        assertEquals("password: ****\n", target.text());
    }

    @Test
    public void masksSecretSplitAcrossManyWrites() throws IOException {
        try (MaskingOutputStream out = streamMasking("correct-horse")) {
            write(out, "[cor");
            write(out, "rect");
            write(out, "-ho");
            write(out, "rse]");
        }
        assertEquals("[****]", target.text());
    }

    @Test
    public void masksSecretWrittenOneByteAtATime() throws IOException {
        try (MaskingOutputStream out = streamMasking("hunter2")) {
            for (byte b : "a hunter2 b".getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
            }
        }
        assertEquals("a **** b", target.text());
    }

    @Test
    public void masksBase64FormSplitAcrossWrites() throws IOException {
        String encoded = Base64.getEncoder().encodeToString("s3cr3t-value!".getBytes(StandardCharsets.UTF_8));
        try (MaskingOutputStream out = streamMasking("s3cr3t-value!")) {
            write(out, "token " + encoded.substring(0, 5));
            write(out, encoded.substring(5) + " end");
        }
        assertEquals("token **** end", target.text());
    }

    @Test
    public void masksMultibyteSecretSplitInsideACharacter() throws IOException {
        byte[] text = "→ pässwörd ←".getBytes(StandardCharsets.UTF_8);
        int insideÄ = "→ p".getBytes(StandardCharsets.UTF_8).length + 1; // between the two bytes of ä
        try (MaskingOutputStream out = streamMasking("pässwörd")) {
            out.write(text, 0, insideÄ);
            out.write(text, insideÄ, text.length - insideÄ);
        }
        assertEquals("→ **** ←", target.text());
    }

    @Test
    public void passesThroughBytesThatCannotStartASecretAtOnce() throws IOException {
        MaskingOutputStream out = streamMasking("hunter2");
        write(out, "deploying payments-api\n");
        assertEquals("deploying payments-api\n", target.text());
    }

    @Test
    public void holdsOnlyTheTailThatMayBecomeASecret() throws IOException {
        MaskingOutputStream out = streamMasking("hunter2");
        write(out, "log: hunt");
        assertEquals("log: ", target.text());
        write(out, "ing season");
        assertEquals("log: hunting season", target.text());
    }

    @Test
    public void flushWritesWhatIsSettledAndKeepsAPossibleSecretPrefix() throws IOException {
        MaskingOutputStream out = streamMasking("hunter2");
        write(out, "step 1 ok\nhunte");
        out.flush();
        assertEquals("step 1 ok\n", target.text());
        assertEquals(1, target.flushes);
        write(out, "r2");
        out.close();
        assertEquals("step 1 ok\n****", target.text());
    }

    @Test
    public void closeWritesAHeldTailThatNeverBecameASecret() throws IOException {
        MaskingOutputStream out = streamMasking("hunter2");
        write(out, "the hunt");
        out.close();
        assertEquals("the hunt", target.text());
        assertEquals(1, target.closes);
    }

    @Test
    public void closeMasksAHeldSecretThatCouldHaveGrownIntoALongerOne() throws IOException {
        MaskingOutputStream out = streamMasking("abc", "abcdef");
        write(out, "x abc");
        out.flush();
        assertEquals("x ", target.text());
        out.close();
        assertEquals("x ****", target.text());
    }

    @Test
    public void longestMatchWinsAcrossWrites() throws IOException {
        try (MaskingOutputStream out = streamMasking("abc", "abcdef")) {
            write(out, "abc");
            write(out, "def!");
        }
        assertEquals("****!", target.text());
    }

    @Test
    public void closeIsIdempotentAndClosesTheTargetOnce() throws IOException {
        MaskingOutputStream out = streamMasking("hunter2");
        out.close();
        out.close();
        assertEquals(1, target.closes);
    }

    @Test
    public void refusesWritesAfterClose() throws IOException {
        MaskingOutputStream out = streamMasking("hunter2");
        out.close();
        IOException e = assertThrows(IOException.class, () -> out.write('x'));
        assertTrue(e.getMessage(), e.getMessage().contains("closed"));
    }

    @Test
    public void refusesSecretShorterThanThreeCharactersWhenTheStreamIsBuilt() {
        assertThrows(SecretTooShortException.class, () -> streamMasking("ok"));
    }

    @Test
    public void largeWriteAfterAHeldTailIsMaskedWhole() throws IOException {
        String big = "lorem ipsum ".repeat(2000);
        try (MaskingOutputStream out = streamMasking("hunter2")) {
            write(out, "hun");
            write(out, "ter2 " + big + "hunter2");
        }
        assertEquals("**** " + big + "****", target.text());
    }
}
