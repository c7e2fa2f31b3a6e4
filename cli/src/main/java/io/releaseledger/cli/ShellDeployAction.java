package io.releaseledger.cli;

import io.releaseledger.release.DeployAction;
import io.releaseledger.release.Deployment;
import io.releaseledger.secrets.MaskingOutputStream;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    ShellDeployAction(List<String> command, Map<String, String> secretVariables, SecretMask mask, Output output,
                      Path directory) {
        this.command = List.copyOf(command);
        this.secretVariables = Map.copyOf(secretVariables);
        this.mask = mask;
        this.output = output;
        this.directory = directory;
    }

    @Override
    public void deploy(Deployment deployment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
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
        try (InputStream in = process.getInputStream();
             MaskingOutputStream masked = mask.filter(output.commandOutput())) {
            copy(in, masked);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException("the deploy command exited with code " + exit);
            }
        } catch (InterruptedException e) {
            // Ctrl-C or lost lease: the command must not keep deploying behind the engine's back.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException, InterruptedException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
