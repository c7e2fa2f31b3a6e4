package hudson.remoting;

/** Stub of {@code hudson.remoting.VirtualChannel}: only passed through, never called. */
public interface VirtualChannel {
}
