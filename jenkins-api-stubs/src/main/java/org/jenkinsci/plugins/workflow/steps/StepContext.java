package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;
import java.io.Serializable;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.StepContext}; the real one also implements Guava's
 * {@code FutureCallback}, which the plugin does not use through this type.
 */
public abstract class StepContext implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;
}
