package io.releaseledger.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes; mixed into each command so they may follow its name. */
public final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "release-ledger.yaml to use (default: $RELEASE_LEDGER_CONFIG, else ./release-ledger.yaml).")
    Path config;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Where the embedded ledger lives when the config names no ledger"
                    + " (default: $RELEASE_LEDGER_HOME, else ./.release-ledger).")
    Path home;

    @Option(names = "--json", description = "Write JSON for scripts instead of text for people.")
    boolean json;

    @Option(names = "--debug", description = "On an error, print the stack trace too.")
    boolean debug;
}
