package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.ChainVerification;
import io.releaseledger.web.VerificationJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit}: the tamper-evident event chain. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check or export the audit chain (every ledger event, hash-chained to the one before).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class},
        footerHeading = "%nExamples:%n",
        footer = {"  release-ledger audit verify", "  release-ledger audit export --since 1200 > events.jsonl"})
final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a subcommand: verify or export");
    }

    /** {@code audit verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the whole hash chain and name the first event that does not hold.",
                    "Exit: 0 intact, 1 broken (the message names the event's sequence number)."},
            footerHeading = "%nExample:%n", footer = "  release-ledger audit verify")
    static final class Verify extends BaseCommand {
        @Override
        boolean readsOnly() {
            return true;
        }

        @Override
        int run(Context ctx) {
            java.util.Optional<io.releaseledger.ledger.Ledger> ledger = ctx.existingLedger();
            if (ledger.isEmpty()) {
                ctx.output().info(ctx.noLedgerYet());
            }
            ChainVerification v = ledger.map(io.releaseledger.ledger.Ledger::verify)
                    .orElse(new ChainVerification(true, 0, -1, null, 0, -1, null, 0, ""));
            if (ctx.json()) {
                ctx.output().json(CanonicalJson.object(VerificationJson.of(v)));
            } else if (v.intact()) {
                ctx.output().result(v.toString());
            }
            if (!v.intact()) {
                // The verdict is also the error: one line on stderr, as for every failure.
                ctx.output().error("release-ledger: " + Render.oneLine(v.toString()));
                return ExitCode.FAILED;
            }
            return ExitCode.OK;
        }
    }

    /** {@code audit export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the events after --since (oldest first) as JSON Lines, one event per line, streamed.",
            footerHeading = "%nExample:%n", footer = "  release-ledger audit export --since 0 > ledger-events.jsonl")
    static final class Export extends BaseCommand {
        @Option(names = "--since", paramLabel = "SEQ", description = "Only events after this sequence number (default 0: all).")
        long since;

        @Override
        boolean readsOnly() {
            return true;
        }

        @Override
        int run(Context ctx) {
            if (since < 0) {
                throw new InvalidInputException("--since", Long.toString(since), "give a sequence number, 0 or more");
            }
            Output out = ctx.output();
            ctx.existingLedger().ifPresent(l -> l.exportEvents(since, e -> out.json(CanonicalJson.object(Render.event(e)))));
            return ExitCode.OK;
        }
    }
}
