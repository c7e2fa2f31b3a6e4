package io.releaseledger.engine;

import io.releaseledger.release.Release;
/** What a front end shows while the engine works: the CLI prints it, Jenkins writes it to the build log. */
public interface EngineListener {

    /** The release moved to a new state (already recorded in the ledger). */
    default void moved(Release release) {}

    /** A line for people: what is being waited for, and why. */
    default void progress(Release release, String line) {}

    EngineListener SILENT = new EngineListener() {};
}
