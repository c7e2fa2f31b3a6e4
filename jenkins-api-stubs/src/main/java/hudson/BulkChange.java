package hudson;

import hudson.model.Saveable;
import java.io.Closeable;
import java.io.IOException;

/**
 * Stub of {@code hudson.BulkChange}, with the real one's behaviour (it needs no running Jenkins): while a bulk change
 * of a {@link Saveable} is open on this thread, its {@code save()} returns without writing; {@link #commit()} closes
 * the change and saves once; {@link #close()} without a commit saves nothing. In-memory changes are not rolled back.
 */
public class BulkChange implements Closeable {
    private static final ThreadLocal<BulkChange> INSCOPE = new ThreadLocal<>();

    private final Saveable saveable;
    private final BulkChange parent;
    private boolean completed;

    public BulkChange(Saveable saveable) {
        this.parent = current();
        this.saveable = saveable;
        INSCOPE.set(this);
    }

    public void commit() throws IOException {
        if (completed) return;
        completed = true;
        pop();
        saveable.save();
    }

    @Override
    public void close() {
        abort();
    }

    public void abort() {
        if (completed) return;
        completed = true;
        pop();
    }

    private void pop() {
        if (current() != this) {
            throw new AssertionError("Trying to save BulkChange that's not in scope");
        }
        INSCOPE.set(parent);
    }

    public static BulkChange current() {
        return INSCOPE.get();
    }

    public static boolean contains(Saveable s) {
        for (BulkChange b = current(); b != null; b = b.parent) {
            if (b.saveable == s) return true;
        }
        return false;
    }
}
