package hudson.model;

import java.io.Serializable;

/** Stub of {@code hudson.model.Result}: named only in {@code StepContext.setResult}, which a fake context implements. */
public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    private Result() {
        throw new UnsupportedOperationException("stub");
    }
}
