package io.releaseledger.bench;

import io.releaseledger.artifact.Digest;
import io.releaseledger.artifact.FileDigest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link FileDigest#sha256} against {@code openssl dgst -sha256} on the same file, turn and turn about,
 * so that whatever else the machine does at the time hits both alike. Not JMH: the reference is
 * another process, and alternating single runs is what makes the two comparable on a shared machine.
 */
final class DigestRace {
    record Result(double oursMiBs, double opensslMiBs, int rounds) {
        double ratio() {
            return oursMiBs / opensslMiBs;
        }
    }

    private DigestRace() {}

    static Result run(Path file, int rounds) throws IOException, InterruptedException {
        long size = Files.size(file);
        // Warm-up: brings the file into the page cache for both and lets the JIT compile the hashing loop.
        String expected = openssl(file);
        for (int i = 0; i < 2; i++) {
            Digest d = FileDigest.sha256(file);
            if (!d.value().equals("sha256:" + expected)) {
                throw new IllegalStateException("FileDigest and openssl disagree on " + file + ": " + d + " vs " + expected);
            }
        }
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            // Who goes first alternates too: neither side always follows the other's cache effects.
            if (i % 2 == 0) {
                theirs.add(mibPerSecond(size, timeOpenssl(file)));
                ours.add(mibPerSecond(size, timeOurs(file)));
            } else {
                ours.add(mibPerSecond(size, timeOurs(file)));
                theirs.add(mibPerSecond(size, timeOpenssl(file)));
            }
        }
        return new Result(Stats.median(ours), Stats.median(theirs), rounds);
    }

    private static long timeOurs(Path file) throws IOException {
        long t0 = System.nanoTime();
        FileDigest.sha256(file);
        return System.nanoTime() - t0;
    }

    private static long timeOpenssl(Path file) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        openssl(file);
        return System.nanoTime() - t0;
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    /** The hex digest openssl prints; its process start (a few ms) is part of its time, as it is of a user's. */
    private static String openssl(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-r", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("openssl failed: " + out);
        }
        return out.split("\\s+")[0];
    }
}
