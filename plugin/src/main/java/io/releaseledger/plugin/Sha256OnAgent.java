package io.releaseledger.plugin;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.releaseledger.artifact.FileDigest;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Hashes a workspace file where it lies, on the agent, so a large artifact is read once locally and never
 * copied to the controller; only the digest string travels back.
 */
final class Sha256OnAgent extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    /** The path as the pipeline wrote it, for a message the author recognises. */
    private final String asWritten;

    Sha256OnAgent(String asWritten) {
        this.asWritten = asWritten;
    }

    @Override
    public String invoke(File file, VirtualChannel channel) throws IOException, InterruptedException {
        if (!file.isFile()) {
            throw new AbortException(file.isDirectory() ? Messages.Sha256OnAgent_Directory(asWritten, file.getPath())
                    : Messages.Sha256OnAgent_Missing(asWritten, file.getPath()));
        }
        return FileDigest.sha256(file.toPath()).value();
    }
}
