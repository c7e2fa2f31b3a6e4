package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A deploy command that cannot run is bad input, found before anything is recorded: a script that does not
 * exist or is not executable would otherwise become a permanent DEPLOY_FAILED release (docs/cli.md).
 */
final class DeployCommandCheck {
    private DeployCommandCheck() {}

    /** Refuses {@code command} unless its program exists and may be executed, as the system would find it. */
    static void require(List<String> command, Context ctx) {
        if (command == null || command.isEmpty()) {
            throw InvalidInputException.withoutValue("COMMAND", "the deploy command is missing; put it after --,"
                    + " e.g. -- ./deploy.sh (it receives RELEASE_ENVIRONMENT, RELEASE_ARTIFACT_DIGEST, ...)");
        }
        String program = command.get(0);
        if (program.isEmpty()) {
            throw InvalidInputException.withoutValue("COMMAND", "the program name after -- is empty; give your deploy"
                    + " script, e.g. -- ./deploy.sh");
        }
        if (program.contains("/")) {
            Path path = ctx.workingDirectory().resolve(program);
            check(program, path, "give the path of your deploy script (relative to " + ctx.workingDirectory() + ")");
            return;
        }
        String searchPath = ctx.environment().getOrDefault("PATH", "");
        for (String dir : searchPath.split(File.pathSeparator)) {
            Path candidate = ctx.workingDirectory().resolve(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return;
            }
        }
        throw new InvalidInputException("COMMAND", program, "no program of that name is on PATH; give the path of"
                + " your deploy script, e.g. -- ./" + program + ", or install " + program);
    }

    private static void check(String program, Path path, String fix) {
        if (!Files.exists(path)) {
            throw new InvalidInputException("COMMAND", program, "it does not exist; " + fix);
        }
        if (Files.isDirectory(path)) {
            throw new InvalidInputException("COMMAND", program, "it is a directory; " + fix);
        }
        if (!Files.isExecutable(path)) {
            throw new InvalidInputException("COMMAND", program, "it is not executable; make it so (chmod +x "
                    + program + ") or run it with its interpreter, e.g. -- sh " + program);
        }
    }
}
