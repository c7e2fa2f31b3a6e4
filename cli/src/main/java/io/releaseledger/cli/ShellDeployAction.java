package io.releaseledger.cli;

import io.releaseledger.release.DeployAction;
import io.releaseledger.release.Deployment;
import io.releaseledger.secrets.MaskingOutputStream;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The user's deploy command as the engine's deploy body: run with the {@code RELEASE_*} variables
 * and the environment's bound secrets added to this process's environment, its standard output and
 * error merged and streamed through the secret mask. Exit 0 is success.
 */
final class ShellDeployAction implements DeployAction {
    private final List<String> command;
    private final Map<String, String> secretVariables;
    private final SecretMask mask;
    private final Output output;
    private final Path directory;
    private final java.util.Set<String> withheld;

    ShellDeployAction(List<String> command, Map<String, String> secretVariables, SecretMask mask, Output output,
                      Path directory, java.util.Set<String> withheld) {
        this.withheld = java.util.Set.copyOf(withheld);
        this.command = List.copyOf(command);
        this.secretVariables = Map.copyOf(secretVariables);
        this.mask = mask;
        this.output = output;
        this.directory = directory;
    }

    @Override
    public void deploy(Deployment deployment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeAll(withheld);
        builder.environment().putAll(deployment.variables());
        builder.environment().putAll(secretVariables);
        output.info(mask.mask("running " + String.join(" ", command) + " (RELEASE_MODE="
                + deployment.mode().environmentValue() + ")"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("the deploy command could not be started: " + e.getMessage()
                    + "; check the command after -- and that it is executable", e);
        }
        process.getOutputStream().close(); // a deploy reads no input: nobody is there to type it
        MaskingOutputStream masked = mask.filter(output.commandOutput());
        // The output is pumped by its own thread so that this one waits in waitFor(), which an
        // interrupt (Ctrl-C, a lost lease) ends at once; a blocking read would not.
        IOException[] failed = new IOException[1];
        Thread pump = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(masked);
            } catch (IOException e) {
                failed[0] = e;
            }
        }, "release-ledger-deploy-output");
        pump.setDaemon(true);
        pump.start();
        try {
            int exit = process.waitFor();
            pump.join();
            masked.close(); // writes the held tail, masked
            if (failed[0] != null) {
                throw new IOException("reading the deploy command's output failed: " + failed[0].getMessage(), failed[0]);
            }
            if (exit != 0) {
                throw new IOException("the deploy command exited with code " + exit);
            }
        } catch (InterruptedException e) {
            // The command must not keep deploying behind the engine's back.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            pump.join(5_000);
            masked.close();
            throw e;
        }
    }
}
