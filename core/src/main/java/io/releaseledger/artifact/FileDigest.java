package io.releaseledger.artifact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * The digest of a file, streamed: one pass, constant memory, whatever the file's size. Used by every
 * front end that registers a file (the CLI, the Jenkins step on the agent).
 */
public final class FileDigest {
    private FileDigest() {}

    /** Large enough that the hash, not the system calls, sets the pace. */
    private static final int BUFFER = 1 << 20;

    /** Reads {@code file} once and returns its SHA-256. */
    public static Digest sha256(Path file) throws IOException {
        MessageDigest sha = Digest.sha256Digester();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                sha.update(buffer);
                buffer.clear();
            }
        }
        return Digest.fromRaw(sha.digest());
    }
}
