package hudson.model;

import java.util.List;

/** Stub of {@code hudson.model.Queue}: its item type, which scheduling a build returns, and {@link QueueAction}. */
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

    /** Stub of {@code hudson.model.Queue.QueueAction}: lets an action decide whether a build is a duplicate of a queued one. */
    public interface QueueAction extends Action {
        boolean shouldSchedule(List<Action> actions);
    }
}
