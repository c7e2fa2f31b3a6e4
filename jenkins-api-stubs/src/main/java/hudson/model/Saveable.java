package hudson.model;

import java.io.IOException;

/** Stub of {@code hudson.model.Saveable}: an object that persists itself. */
public interface Saveable {
    void save() throws IOException;
}
