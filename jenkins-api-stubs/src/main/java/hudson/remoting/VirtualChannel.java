package hudson.remoting;

import java.io.IOException;

/** Stub of {@code hudson.remoting.VirtualChannel}: runs a callable on the other side (an agent). */
public interface VirtualChannel {
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;
}
