package io.releaseledger.engine;

import io.releaseledger.release.Release;
/** An event that cannot happen in the release's state: an adapter bug, refused before anything is recorded. */
final class UnexpectedEventException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UnexpectedEventException(Release release, ReleaseEvent event) {
        super("release " + release.id() + " is " + release.state() + "; " + event.name()
                + " does not apply in that state");
    }
}
