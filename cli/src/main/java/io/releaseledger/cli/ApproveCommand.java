package io.releaseledger.cli;

import io.releaseledger.approval.Decision;
import picocli.CommandLine.Command;

/** {@code approve}: approves a release awaiting approval. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve a release awaiting approval. USER must be an allowed approver (a listed user, or in a listed group given with --group) and, by default, not the one who asked for the release.",
        footerHeading = "%nExample:%n",
        footer = {"  release-ledger approve 42 --as bob",
                "  release-ledger approve 42 --as bob --group release-managers \\",
                "      --comment 'checked the canary'"})
final class ApproveCommand extends DecideCommand {
    @Override
    Decision decision() {
        return Decision.APPROVE;
    }
}
