package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.io.IOException;
import java.io.Serializable;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.StepContext}. As in Jenkins it is a Guava
 * {@code FutureCallback}: {@code onSuccess} completes the step with a value, {@code onFailure} fails it.
 * Unit tests may implement it (a fake context) since it is abstract here as in Jenkins.
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public abstract void onSuccess(Object result);

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public abstract boolean isReady();

    public abstract BodyInvoker newBodyInvoker() throws IllegalStateException;

    public abstract ListenableFuture<Void> saveState();

    public abstract void setResult(Result r);

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();

    public boolean hasBody() {
        throw new UnsupportedOperationException("stub");
    }
}
