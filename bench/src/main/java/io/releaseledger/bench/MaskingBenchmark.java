package io.releaseledger.bench;

import io.releaseledger.secrets.MaskingOutputStream;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Masking a deploy body's output: 4 MiB of log-like text (words, paths, hex digests, base64 and JSON fragments, a
 * few occurrences of the secrets) written in 8 KiB chunks through a {@link MaskingOutputStream} with three bound
 * secrets — a token, a password full of shell and JSON specials, and a multi-line key — into a sink that discards.
 * Every form of every secret is in the mask, so this is the hot path as a deploy's log meets it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class MaskingBenchmark {
    static final int SIZE = 4 << 20;

    private SecretMask mask;
    private byte[] log;

    @Setup(Level.Trial)
    public void prepare() {
        List<String> secrets = List.of("ghp_4f9Qz2LmN8vX1cR7tY0bK3sW6dJ5hA2eP9uI",
                "Pa'ss \"wörd\" $HOME & <ünïcode>",
                "-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END KEY-----");
        mask = SecretMask.ofValues(secrets);
        Random random = new Random(42);
        String[] words = {"deploying", "payments-api", "/var/lib/app/releases/", "sha256:9f86d081884c7d659a2feaa0c55ad015",
                "aGVsbG8gd29ybGQ=", "{\"status\":\"UP\",\"checks\":[]}", "kubectl", "rollout", "status", "deployment/app",
                "Waiting for 3 pods to be ready...", "200 OK", "INFO", "2026-11-29T10:00:00Z", "\n", "\n", " ", " ", " "};
        StringBuilder text = new StringBuilder(SIZE + 1024);
        while (text.length() < SIZE) {
            text.append(words[random.nextInt(words.length)]);
            if (random.nextInt(5000) == 0) {
                text.append(secrets.get(random.nextInt(secrets.size())));
            }
        }
        log = text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public long maskFourMiB() throws IOException {
        Counting sink = new Counting();
        try (MaskingOutputStream out = mask.filter(sink)) {
            for (int off = 0; off < log.length; off += 8192) {
                out.write(log, off, Math.min(8192, log.length - off));
            }
        }
        return sink.count;
    }

    /** Discards, counting: the cost measured is the masking, not a copy. */
    static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
