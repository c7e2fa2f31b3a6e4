package hudson.model;

/** Stub of {@code hudson.model.ItemGroup}; the plugin passes {@code Jenkins} as one to credential lookups. */
public interface ItemGroup<T extends Item> {
}
