package io.releaseledger.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command: gets a {@link Context} for its run and returns the exit code. */
abstract class BaseCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    /** Set by {@link ReleaseLedgerCli}'s factory. */
    Launcher launcher = Launcher.system();

    /** The context of the current run, for the error handler (debug flag, secret mask). */
    Context context;

    @Override
    public final Integer call() throws Exception {
        try (Context ctx = new Context(common, launcher, readsOnly())) {
            context = ctx;
            return run(ctx);
        }
    }

    /** Whether the command only reads the ledger (status, history…): it then changes nothing there, not even H2's file. */
    boolean readsOnly() {
        return false;
    }

    /** Does the work; returns an {@link ExitCode}. Throws for errors, which become one line on stderr. */
    abstract int run(Context ctx) throws Exception;
}
