package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.UnknownEnvironmentException;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.HistoryPage;
import io.releaseledger.release.Release;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code history}: an environment's releases, newest first, a page at a time. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List an environment's releases, newest first. Page back with --before (the id printed at the end).",
        footerHeading = "%nExamples:%n",
        footer = {"  release-ledger history production", "  release-ledger history production --limit 50 --before 1200"})
final class HistoryCommand extends BaseCommand {
    static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 20;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
    String environment;

    @Option(names = "--limit", paramLabel = "N", description = "Releases per page, 1 to " + MAX_LIMIT + " (default 20).")
    int limit = DEFAULT_LIMIT;

    @Option(names = "--before", paramLabel = "ID", description = "Only releases older than this release id.")
    Long before;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(Context ctx) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("--limit", Integer.toString(limit), "use 1 to " + MAX_LIMIT);
        }
        if (before != null && before < 1) {
            throw new InvalidInputException("--before", before.toString(), "give a release id, 1 or more");
        }
        java.util.Optional<io.releaseledger.ledger.Ledger> ledger = ctx.existingLedger();
        List<String> known = new java.util.ArrayList<>(ledger.map(io.releaseledger.ledger.Ledger::environments)
                .orElse(List.of()));
        HistoryPage page;
        if (known.contains(environment)) {
            page = ledger.orElseThrow().history(environment, before, limit);
        } else if (ctx.environments().find(environment).isPresent()) {
            page = new HistoryPage(List.of(), null); // configured, nothing deployed there yet
        } else {
            ctx.environments().names().stream().filter(n -> !known.contains(n)).forEach(known::add);
            throw new UnknownEnvironmentException(environment, known);
        }
        if (ctx.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("environment", environment);
            m.put("releases", Render.releases(page.releases()));
            m.put("nextBefore", page.nextBefore());
            ctx.output().json(CanonicalJson.object(m));
            return ExitCode.OK;
        }
        print(ctx.output(), environment, page, limit);
        return ExitCode.OK;
    }

    /** The page as a table, then the command for the next page, with the same {@code --limit}. */
    static void print(Output output, String environment, HistoryPage page, int limit) {
        if (page.releases().isEmpty()) {
            output.result("no releases in " + environment + (page.nextBefore() == null ? "" : " on this page"));
            return;
        }
        int idWidth = Render.idWidth(page.releases());
        output.result(Render.lineHeader(idWidth));
        for (Release r : page.releases()) {
            output.result(Render.line(r, idWidth));
        }
        if (page.nextBefore() != null) {
            output.result("older: release-ledger history " + environment + (limit == DEFAULT_LIMIT ? "" : " --limit " + limit)
                    + " --before " + page.nextBefore());
        }
    }
}
