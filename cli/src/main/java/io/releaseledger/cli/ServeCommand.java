package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.web.LedgerWeb;
import org.eclipse.jetty.server.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the read-only web console on this machine. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the read-only web console (dashboard, history, releases, audit) over HTTP until Ctrl-C."
                + " Bound to 127.0.0.1 unless --bind says otherwise: it has no login.",
        footerHeading = "%nExamples:%n",
        footer = {"  release-ledger serve", "  release-ledger serve --port 0      (any free port; the URL is printed)"})
final class ServeCommand extends BaseCommand {

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port, 0 for any free one (default 8080).")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default 127.0.0.1). Anyone who can reach it can read the ledger;"
                    + " any other address prints a warning. Requests are answered only when their Host names it,"
                    + " localhost or a loopback address.")
    String bind = "127.0.0.1";

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(Context ctx) throws Exception {
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("--port", Integer.toString(port), "use 0 to 65535 (0: any free port)");
        }
        Server server;
        try {
            server = WebConsole.start(new LedgerWeb(ctx.existingLedger().orElseThrow(() -> InvalidInputException
                    .withoutValue("ledger", ctx.noLedgerYet() + "; the console only reads one"))), bind, port);
        } catch (java.io.IOException e) {
            throw new InvalidInputException("--port", Integer.toString(port), "cannot listen on " + bind + ":" + port
                    + " (" + e.getMessage() + "); choose another port, or --port 0 for any free one");
        }
        if (!ConsoleHosts.loopbackOnly(bind)) {
            int listening = WebConsole.address(server).getPort();
            ctx.output().error("release-ledger: warning: the console listens on " + bind + " port " + listening
                    + (bind.equals("0.0.0.0") || bind.equals("::") ? " (every interface)" : "")
                    + " with no login: anyone who can reach it there can read the whole ledger (releases, approvers,"
                    + " health samples, the audit trail); to keep it on this machine, bind to 127.0.0.1 and use an SSH"
                    + " tunnel (ssh -L " + listening + ":127.0.0.1:" + listening + " this-host)");
        }
        if (ctx.json()) {
            ctx.output().json(io.releaseledger.json.CanonicalJson.object(java.util.Map.of("url", WebConsole.url(server))));
        } else {
            ctx.output().result("serving the release ledger console at " + WebConsole.url(server)
                    + " (read-only; Ctrl-C to stop)");
        }
        // Stopping is how a console's run ends: Ctrl-C or SIGTERM (systemd, a container) stops the server at once
        // and the command exits 0.
        StopSignal.onStop(() -> WebConsole.stop(server));
        server.join();
        return ExitCode.OK;
    }
}
