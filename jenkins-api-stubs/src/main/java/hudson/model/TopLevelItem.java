package hudson.model;

/** Stub of {@code hudson.model.TopLevelItem}; present only as a type argument. */
public interface TopLevelItem extends Item {
}
