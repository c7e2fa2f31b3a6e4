package hudson;

/** Stub of {@code hudson.ExtensionPoint}. */
public interface ExtensionPoint {
}
