package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;
import java.io.Serializable;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.StepContext}: an asynchronous execution ends its step
 * through Guava's {@code FutureCallback} ({@code onSuccess}, {@code onFailure}), as with the real one.
 */
public abstract class StepContext implements com.google.common.util.concurrent.FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public abstract void onSuccess(Object result);

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;
}
