package io.releaseledger.cli;

import io.releaseledger.ledger.LeaseTerms;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small supervisor a deploy command runs under ({@code supervise.sh}, a POSIX shell script): started with
 * {@code setsid}, it leads a process group (and session) of its own in which the command runs, and ends that
 * group when release-ledger closes its input or dies. Where {@code setsid} is missing the supervisor runs in
 * release-ledger's own group: a stop still ends the command, but a kill of release-ledger's whole group ends
 * the supervisor with it.
 */
final class Supervisor {
    private Supervisor() {}

    /**
     * SIGTERM to the command's group, then this long before SIGKILL: the ledger's {@link LeaseTerms#BODY_STOP}, which
     * the grace before anyone takes the lease over exceeds (docs/release-engine.md, "Never two bodies at once").
     */
    static final int GRACE_SECONDS = Math.toIntExact(LeaseTerms.BODY_STOP.toSeconds());

    private static final String SCRIPT = load();

    /** The process to start for {@code command}. */
    static List<String> command(List<String> command) {
        List<String> line = new ArrayList<>();
        setsid().ifPresent(s -> line.add(s.toString()));
        line.addAll(List.of("/bin/sh", "-c", SCRIPT, "release-ledger-supervisor", Integer.toString(GRACE_SECONDS)));
        line.addAll(command);
        return line;
    }

    private static Optional<Path> setsid() {
        for (String dir : new String[] {"/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"}) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String load() {
        try (InputStream in = Supervisor.class.getResourceAsStream("supervise.sh")) {
            if (in == null) {
                throw new IllegalStateException("supervise.sh is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
