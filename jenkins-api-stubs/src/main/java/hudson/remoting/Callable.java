package hudson.remoting;

import java.io.Serializable;

/** Stub of {@code hudson.remoting.Callable}; the real one also extends {@code RoleSensitive}. */
public interface Callable<V, T extends Throwable> extends Serializable {
    V call() throws T;
}
