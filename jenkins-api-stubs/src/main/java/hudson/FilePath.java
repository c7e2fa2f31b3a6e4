package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;

/** Stub of {@code hudson.FilePath}: the members the plugin uses to hash a workspace file on its agent. */
public final class FilePath {
    private FilePath() {
        throw new UnsupportedOperationException("stub");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("stub");
    }

    public void write(String content, String encoding) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("stub");
    }

    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException("stub");
    }

    public FilePath createTempFile(String prefix, String suffix) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public void copyFrom(java.io.InputStream in) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public void chmod(int mask) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public boolean delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of {@code hudson.FilePath.FileCallable}; the real one also extends {@code RoleSensitive}. */
    public interface FileCallable<T> extends Serializable {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
