package hudson.model;

import java.util.List;
import jenkins.model.RunAction2;

/** Stub of {@code hudson.model.CauseAction}: the causes of a queued item and then of its build. Keeps them for unit tests. */
public class CauseAction implements RunAction2 {
    private final List<Cause> causes;

    public CauseAction(Cause... causes) {
        this.causes = List.of(causes);
    }

    public List<Cause> getCauses() {
        return causes;
    }

    public <T extends Cause> T findCause(Class<T> type) {
        for (Cause c : causes) if (type.isInstance(c)) return type.cast(c);
        return null;
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        throw new UnsupportedOperationException("stub");
    }
}
