package hudson.scm;

import hudson.model.User;
import java.util.Collection;

/** Stub of {@code hudson.scm.ChangeLogSet}: the changes one checkout brought, iterated as entries. */
public abstract class ChangeLogSet<T extends ChangeLogSet.Entry> implements Iterable<T> {
    private ChangeLogSet() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract boolean isEmptySet();

    /** Stub of {@code hudson.scm.ChangeLogSet.Entry}: one commit. */
    public abstract static class Entry {
        public String getCommitId() {
            throw new UnsupportedOperationException("stub");
        }

        public abstract String getMsg();

        public abstract User getAuthor();

        public abstract Collection<String> getAffectedPaths();
    }
}
