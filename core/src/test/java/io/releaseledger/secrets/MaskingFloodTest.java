package io.releaseledger.secrets;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * Random secrets, random text full of them, random write boundaries: the stream must always give what a
 * naive masking of the whole text gives, and no secret may survive.
 */
public class MaskingFloodTest {

    // Few distinct characters, shared by secrets and filler, so near-misses and overlaps are frequent.
    private static final String[] ALPHABET = {"a", "b", "c", "d", "-", " ", "\n", "é", "ß", "日", "🔑", "Z", "9", "+", "/", "="};

    @Test(timeout = 120_000)
    public void streamAgreesWithReferenceMaskingWhateverTheWriteBoundaries() throws IOException {
        Random random = new Random(20261129L);
        int iterationsThatMasked = 0;
        for (int iteration = 0; iteration < 3000; iteration++) {
            List<String> secrets = randomSecrets(random);
            List<byte[]> forms = referenceForms(secrets);
            byte[] text = randomText(random, secrets).getBytes(StandardCharsets.UTF_8);
            byte[] expected = referenceMask(text, forms);
            SecretMask mask = SecretMask.ofValues(secrets);
            if (!Arrays.equals(expected, text)) {
                iterationsThatMasked++;
            }
            String context = "iteration " + iteration + ", secrets " + secrets.stream().map(MaskingFloodTest::escape).toList();

            for (int round = 0; round < 3; round++) {
                byte[] streamed = streamInRandomChunks(random, mask, text);
                assertArrayEquals(context, expected, streamed);
            }
            assertEquals(context, new String(expected, StandardCharsets.UTF_8),
                    mask.mask(new String(text, StandardCharsets.UTF_8)));
            for (byte[] form : forms) {
                assertFalse(context, indexOf(expected, form) >= 0);
            }
        }
        // Guards the generator: a flood that rarely contains a secret would prove nothing.
        assertTrue("only " + iterationsThatMasked + " iterations masked anything", iterationsThatMasked > 2000);
    }

    private static String escape(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    private static List<String> randomSecrets(Random random) {
        List<String> secrets = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        while (secrets.size() < count) {
            if (!secrets.isEmpty() && random.nextInt(3) == 0) {
                // A secret that is a prefix, or an extension, of another one.
                String other = secrets.get(random.nextInt(secrets.size()));
                int[] codePoints = other.codePoints().toArray();
                secrets.add(random.nextBoolean() && codePoints.length > 3
                        ? new String(codePoints, 0, 3 + random.nextInt(codePoints.length - 3))
                        : other + randomString(random, 1 + random.nextInt(4)));
            } else {
                secrets.add(randomString(random, 3 + random.nextInt(10)));
            }
        }
        return secrets;
    }

    private static String randomString(Random random, int characters) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < characters; i++) {
            s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    private static String randomText(Random random, List<String> secrets) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            String secret = secrets.get(random.nextInt(secrets.size()));
            switch (random.nextInt(8)) {
                case 0 -> text.append(secret);
                case 1 -> text.append(secret, 0, secret.offsetByCodePoints(0, 1 + random.nextInt(2))); // a near miss
                case 2 -> text.append(base64(secret.getBytes(StandardCharsets.UTF_8)));
                case 3 -> text.append(base64((randomString(random, random.nextInt(4)) + secret + randomString(random, random.nextInt(4)))
                        .getBytes(StandardCharsets.UTF_8)));
                case 4 -> text.append(java.util.HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
                case 5 -> text.append(Base64.getUrlEncoder().encodeToString((randomString(random, random.nextInt(4)) + secret)
                        .getBytes(StandardCharsets.UTF_8)));
                default -> text.append(randomString(random, random.nextInt(12)));
            }
        }
        return text.toString();
    }

    private static byte[] streamInRandomChunks(Random random, SecretMask mask, byte[] text) throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        try (MaskingOutputStream out = mask.filter(target)) {
            int at = 0;
            while (at < text.length) {
                int chunk = Math.min(text.length - at, random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(24));
                if (chunk == 1 && random.nextBoolean()) {
                    out.write(text[at]);
                } else {
                    out.write(text, at, chunk);
                }
                at += chunk;
                if (random.nextInt(5) == 0) {
                    out.flush();
                }
            }
        }
        return target.toByteArray();
    }

    /**
     * Every form to mask: {@link SecretForms}' list (its forms are checked one by one in {@link SecretMaskTest}),
     * after checking that it holds the base64 forms derived here independently of the implementation: a base64
     * character belongs to the secret when it comes out the same whether the neighbouring bytes are all zeros or
     * all ones.
     */
    private static List<byte[]> referenceForms(List<String> secrets) {
        List<byte[]> forms = new ArrayList<>();
        for (String secret : secrets) {
            List<byte[]> independent = independentBase64Forms(secret);
            List<String> implemented = new ArrayList<>(SecretForms.of(secret, SecretMask.MINIMUM_EMBEDDED_BASE64_LENGTH));
            for (byte[] form : independent) {
                assertTrue(escape(secret) + " lacks " + new String(form, StandardCharsets.UTF_8),
                        implemented.contains(new String(form, StandardCharsets.UTF_8)));
            }
            implemented.forEach(f -> forms.add(f.getBytes(StandardCharsets.UTF_8)));
        }
        return forms;
    }

    private static List<byte[]> independentBase64Forms(String secret) {
        List<byte[]> forms = new ArrayList<>();
        {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            forms.add(bytes);
            String padded = base64(bytes);
            forms.add(padded.getBytes(StandardCharsets.US_ASCII));
            forms.add(padded.replace("=", "").getBytes(StandardCharsets.US_ASCII));
            for (int offset = 0; offset < 3; offset++) {
                String zeros = unpaddedBase64(surround(bytes, offset, (byte) 0));
                String ones = unpaddedBase64(surround(bytes, offset, (byte) 0xff));
                StringBuilder common = new StringBuilder();
                for (int i = 0; i < zeros.length(); i++) {
                    if (zeros.charAt(i) == ones.charAt(i)) {
                        common.append(zeros.charAt(i));
                    }
                }
                if (common.length() >= SecretMask.MINIMUM_EMBEDDED_BASE64_LENGTH) {
                    forms.add(common.toString().getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        return forms;
    }

    private static byte[] surround(byte[] secret, int before, byte filler) {
        byte[] placed = new byte[before + secret.length + 3];
        Arrays.fill(placed, filler);
        System.arraycopy(secret, 0, placed, before, secret.length);
        return placed;
    }

    /** Every occurrence of every form is an interval; overlapping intervals merge; each merged run becomes ****. */
    private static byte[] referenceMask(byte[] text, List<byte[]> forms) {
        List<int[]> intervals = new ArrayList<>();
        for (byte[] form : forms) {
            for (int start = 0; start + form.length <= text.length; start++) {
                if (Arrays.equals(text, start, start + form.length, form, 0, form.length)) {
                    intervals.add(new int[] {start, start + form.length});
                }
            }
        }
        intervals.sort(Comparator.comparingInt(interval -> interval[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int written = 0;
        int i = 0;
        while (i < intervals.size()) {
            int start = intervals.get(i)[0];
            int end = intervals.get(i)[1];
            for (i++; i < intervals.size() && intervals.get(i)[0] < end; i++) {
                end = Math.max(end, intervals.get(i)[1]);
            }
            out.write(text, written, start - written);
            out.writeBytes(SecretMask.REPLACEMENT.getBytes(StandardCharsets.US_ASCII));
            written = end;
        }
        out.write(text, written, text.length - written);
        return out.toByteArray();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String unpaddedBase64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
