package hudson.model;

/** Stub of {@code hudson.model.ResourceController}; present only as the superclass of {@link Queue}. */
public class ResourceController {
    ResourceController() {
        throw new UnsupportedOperationException("stub");
    }
}
