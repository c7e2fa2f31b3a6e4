package hudson.model;

/** Stub of {@code hudson.model.Queue}: only its item type, which scheduling a build returns. */
public class Queue extends ResourceController {
    private Queue() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of {@code hudson.model.Queue.Item}: a scheduled build. */
    public abstract static class Item extends Actionable {
        protected Item(Item item) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
