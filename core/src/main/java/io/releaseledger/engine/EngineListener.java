package io.releaseledger.engine;

import io.releaseledger.release.Release;
/** What {@link ReleaseEngine} tells its caller while it works (the command line prints it); a host of its own uses {@link RunListener}. */
public interface EngineListener {

    /** The release moved to a new state (already recorded in the ledger). */
    default void moved(Release release) {}

    /** A line for people: what is being waited for, and why. */
    default void progress(Release release, String line) {}

    EngineListener SILENT = new EngineListener() {};
}
