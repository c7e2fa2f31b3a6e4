package org.jenkinsci.plugins.workflow.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.log.TaskListenerDecorator} (workflow-api): filters a block's
 * log. {@code merge} behaves like the real one (both decorators apply), since unit tests check the masking.
 */
public abstract class TaskListenerDecorator implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract OutputStream decorate(OutputStream logger) throws IOException, InterruptedException;

    public static TaskListenerDecorator merge(TaskListenerDecorator original, TaskListenerDecorator subsequent) {
        if (original == null) {
            return subsequent;
        }
        if (subsequent == null) {
            return original;
        }
        return new Merged(original, subsequent);
    }

    private static final class Merged extends TaskListenerDecorator {
        private static final long serialVersionUID = 1L;
        private final TaskListenerDecorator original;
        private final TaskListenerDecorator subsequent;

        Merged(TaskListenerDecorator original, TaskListenerDecorator subsequent) {
            this.original = original;
            this.subsequent = subsequent;
        }

        @Override
        public OutputStream decorate(OutputStream logger) throws IOException, InterruptedException {
            return original.decorate(subsequent.decorate(logger));
        }
    }
}
