package io.releaseledger.cli;


import io.releaseledger.InvalidInputException;
import io.releaseledger.secrets.SecretMask;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code release-ledger}: the release engine on the command line — for the incident responder when
 * Jenkins is down, and for anyone who wants to see the product work ({@code release-ledger demo}).
 */
@Command(name = "release-ledger", mixinStandardHelpOptions = true, versionProvider = ReleaseLedgerCli.Version.class,
        description = "Record artifacts by digest, promote them through environments under policy, verify their health,"
                + " roll back, and inspect the tamper-evident ledger - with or without Jenkins.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok", "  1  anything else (with --debug: the stack trace)",
                "  2  bad input: options, arguments, references, release-ledger.yaml",
                "  3  refused by policy: promotion rules, approvers, weakened policy,",
                "     a rejected or timed-out approval",
                "  4  unhealthy or deploy failed (rolled back, or nothing to roll back to)",
                "  5  rollback failed", "  6  ledger unavailable",
                "  130, 143  stopped by Ctrl-C, SIGTERM (a deploy's release is recorded ABORTED,",
                "            its lease given back)",
                "", "Try: release-ledger demo   (no setup; a whole release flow in seconds)",
                "Docs: docs/cli.md"})
public final class ReleaseLedgerCli implements Runnable {
    /** The commands by name, in the order help lists them (each is its class's {@code @Command} name). */
    static final class Commands {
        private Commands() {}

        static final Map<String, Class<?>> ALL = commands();

        private static Map<String, Class<?>> commands() {
            Map<String, Class<?>> m = new LinkedHashMap<>();
            m.put("init", InitCommand.class);
            m.put("register", RegisterCommand.class);
            m.put("deploy", DeployCommand.class);
            m.put("approve", ApproveCommand.class);
            m.put("reject", RejectCommand.class);
            m.put("rollback", RollbackCommand.class);
            m.put("status", StatusCommand.class);
            m.put("history", HistoryCommand.class);
            m.put("show", ShowCommand.class);
            m.put("audit", AuditCommand.class);
            m.put("notes", NotesCommand.class);
            m.put("serve", ServeCommand.class);
            m.put("demo", DemoCommand.class);
            return java.util.Collections.unmodifiableMap(m);
        }
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is missing");
    }

    public static void main(String[] args) {
        bindH2ServersToLoopback(); // before anything loads H2, which reads it once
        Launcher launcher = Launcher.system();
        LedgerPrefetch.start(args, launcher); // first: it runs while the rest starts up
        StopSignal.install(System.err);
        System.exit(run(args, launcher));
    }

    /**
     * The embedded ledger is shared between this command's processes by H2's automatic server, which must listen on
     * loopback only (the ledger refuses to share otherwise). H2 has no per-server setting for it, only the JVM-wide
     * {@code h2.bindAddress}, read once: this process is the command's own, so it sets it first thing, as a
     * {@code -D} on its command line would. An explicit setting is left alone (and refused unless it is loopback).
     */
    static void bindH2ServersToLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /** Runs the tool with {@code args}; returns the exit code (see {@link ExitCode}). */
    public static int run(String[] args, Launcher launcher) {
        try {
            CommandLineSecrets.refuseInline(args);
        } catch (InvalidInputException e) {
            fail(launcher, wantsJson(args), e.getMessage(), e.field(), ExitCode.BAD_INPUT);
            return ExitCode.BAD_INPUT;
        }
        return commandLine(launcher, wantsJson(args), args.length == 0 ? null : args[0]).execute(args);
    }

    /** Whether {@code --json} is among the tool's own arguments (not the deploy command's, after {@code --}). */
    static boolean wantsJson(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--json")) {
                return true;
            }
        }
        return false;
    }

    /** An error before a command's {@link Output} exists: as {@link Output#failure} writes it. */
    private static void fail(Launcher launcher, boolean json, String message, String field, int exitCode) {
        new Output(launcher.out(), launcher.err(), json, false).failure(Render.oneLine(message), field, exitCode);
    }

    /** The commands, as {@code release-ledger --help} lists them. */
    static String commandList(CommandLine cl) {
        return String.join(", ", cl.getSubcommands().keySet());
    }

    /** The whole command line, every command in it (help, tests). */
    static CommandLine commandLine(Launcher launcher) {
        return commandLine(launcher, false, null);
    }

    /**
     * The configured command line. When {@code first} names a command, only that one is built: picocli reads every
     * command's options through reflection, and a person waiting for {@code status} should not wait for the other
     * twelve. Anything else (help, a typo, nothing) gets them all, so help and errors can list them.
     */
    static CommandLine commandLine(Launcher launcher, boolean json, String first) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(new ReleaseLedgerCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = defaults.create(type);
                if (made instanceof BaseCommand command) {
                    command.launcher = launcher;
                }
                return made;
            }
        });
        if (first != null && Commands.ALL.containsKey(first)) {
            cl.addSubcommand(first, Commands.ALL.get(first));
        } else {
            Commands.ALL.forEach(cl::addSubcommand);
        }
        cl.setOut(new PrintWriter(launcher.out(), true));
        cl.setErr(new PrintWriter(launcher.err(), true));
        printExamplesAsWritten(cl);
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine where = e.getCommandLine();
            String command = where.getCommandSpec().qualifiedName();
            String message = Render.oneLine(e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !where.getSubcommands().isEmpty()
                    && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
                message = "unknown command '" + unmatched.getUnmatched().get(0) + "'"
                        + (where == cl ? "" : " of " + command.substring(command.indexOf(' ') + 1)) + "; the commands are "
                        + commandList(where);
            }
            fail(launcher, json, message + " (see " + command + " --help)", null, ExitCode.BAD_INPUT);
            return ExitCode.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            Object command = line.getCommand();
            SecretMask mask = SecretMask.none();
            boolean debug = false;
            if (command instanceof BaseCommand base) {
                debug = base.common.debug;
                if (base.context != null) {
                    mask = base.context.mask();
                }
            }
            String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            String field = e instanceof InvalidInputException invalid ? invalid.field() : null;
            fail(launcher, json, mask.mask(Render.oneLine(message)), field, ExitCode.of(e));
            if (debug) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                launcher.err().print(mask.mask(trace.toString()));
            }
            launcher.err().flush();
            return ExitCode.of(e);
        });
        return cl;
    }

    /**
     * Examples are printed as written, never wrapped: a line broken inside a URL or a digest could not be pasted.
     * (Each is kept under 80 columns, with {@code \\} continuations; a test checks both.)
     */
    private static void printExamplesAsWritten(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            String[] lines = help.commandSpec().usageMessage().footer();
            return lines.length == 0 ? "" : String.join(System.lineSeparator(), lines) + System.lineSeparator();
        });
        for (CommandLine sub : cl.getSubcommands().values()) {
            printExamplesAsWritten(sub);
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ReleaseLedgerCli.class.getPackage().getImplementationVersion();
            return new String[] {"release-ledger " + (v == null ? "(development build)" : v)};
        }
    }
}
