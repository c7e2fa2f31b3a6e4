package io.releaseledger.cli;

import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.engine.RollbackRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rollback}: redeploys a known-good release by hand, and verifies it. */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Roll an environment back: to the release live before the current one, or --to a version that"
                + " was once live there. Needs no approval and works during a freeze. COMMAND runs with RELEASE_MODE=rollback"
                + " and the known-good artifact's RELEASE_* values; the result is verified with the checks given.",
                "Exit: 0 the known-good release is LIVE again, 5 the rollback failed."},
        footerHeading = "%nExamples:%n",
        footer = {"  release-ledger rollback production -- ./deploy.sh",
                "  release-ledger rollback production --to 1.4.1 \\",
                "      --http-check https://example.com/health -- ./deploy.sh"})
final class RollbackCommand extends ReleaseCommand {

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment to roll back.")
    String environment;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "After --: your deploy command and its arguments.")
    List<String> command;

    @Option(names = "--to", paramLabel = "VERSION", description = "A version that was once live in ENV (default: the one before).")
    String to;

    @Override
    int run(Context ctx) throws Exception {
        if (to != null) {
            ArtifactRegistration.validVersion(to);
        }
        return drive(ctx, environment, command, (engine, actor, plan, action) ->
                engine.rollback(new RollbackRequest(environment, to, actor, null, plan), action));
    }
}
