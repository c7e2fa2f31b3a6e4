package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help}, as the packaged tool prints it: each example line is printed whole, never
 * wrapped inside a URL or a digest (a broken line cannot be pasted), and fits 80 columns.
 */
public class HelpIT {

    @Test
    public void examplesArePrintedWholeAndFitEightyColumns() throws Exception {
        Path dir = Files.createTempDirectory("help-it-");
        CommandLine top = ReleaseLedgerCli.commandLine(new Launcher(Map.of(), dir,
                new java.io.PrintStream(new ByteArrayOutputStream()), new java.io.PrintStream(new ByteArrayOutputStream()),
                false));
        List<CommandLine> all = new ArrayList<>();
        collect(top, all);
        for (CommandLine c : all) {
            List<String> args = new ArrayList<>(List.of(c.getCommandSpec().qualifiedName().split(" ")));
            args.remove(0); // release-ledger
            args.add("--help");
            JarProcess help = JarProcess.run(dir, Map.of(), args.toArray(String[]::new));
            assertEquals(help.transcript(), 0, help.exitCode());
            String[] footer = c.getCommandSpec().usageMessage().footer();
            assertTrue(c.getCommandSpec().qualifiedName() + " has an example", footer.length > 0);
            for (String line : footer) {
                assertTrue("printed whole: " + line + "\n" + help.out(), help.out().lines().anyMatch(line::equals));
                assertTrue("fits 80 columns: " + line, line.length() <= 80);
            }
        }
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        c.getSubcommands().values().forEach(s -> collect(s, into));
    }
}
