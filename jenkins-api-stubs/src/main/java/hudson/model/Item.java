package hudson.model;

/** Stub of {@code hudson.model.Item}; present only as a type bound. */
public interface Item {
}
