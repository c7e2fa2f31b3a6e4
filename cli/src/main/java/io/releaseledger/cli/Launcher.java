package io.releaseledger.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of the tool is given by the process: its environment, working directory and streams.
 * Tests run commands in-process with their own.
 *
 * @param terminal whether standard output is a terminal (progress rewrites one line there)
 */
public record Launcher(Map<String, String> environment, Path workingDirectory, PrintStream out, PrintStream err,
                       boolean terminal) {

    /** The real process. */
    public static Launcher system() {
        return new Launcher(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err,
                System.console() != null);
    }
}
