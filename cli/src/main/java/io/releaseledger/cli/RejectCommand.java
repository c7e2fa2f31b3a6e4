package io.releaseledger.cli;

import io.releaseledger.approval.Decision;
import picocli.CommandLine.Command;

/** {@code reject}: rejects a release awaiting approval; one rejection ends the request. */
@Command(name = "reject", mixinStandardHelpOptions = true,
        description = "Reject a release awaiting approval: the request ends REJECTED and the waiting deploy exits with 3.",
        footerHeading = "%nExample:%n",
        footer = {"  release-ledger reject 42 --as bob --comment 'error budget spent'",
                "  release-ledger reject 42 --as bob --group release-managers \\",
                "      --comment 'error budget spent'"})
final class RejectCommand extends DecideCommand {
    @Override
    Decision decision() {
        return Decision.REJECT;
    }
}
