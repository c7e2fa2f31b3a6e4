package io.releaseledger.cli;

import io.releaseledger.engine.DeployAction;
import io.releaseledger.engine.Deployment;
import io.releaseledger.secrets.MaskingOutputStream;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The user's deploy command as the engine's deploy body: run with the {@code RELEASE_*} variables
 * and the environment's bound secrets added to this process's environment, its standard output and
 * error merged and streamed through the secret mask. Exit 0 is success.
 *
 * <p>It runs under {@link Supervisor} in a process group of its own, so that it cannot outlive this
 * process: when this process closes the supervisor's input (the release is stopped) or dies (even by
 * SIGKILL, which no Java code sees), the supervisor ends the whole group.
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
        if (StopSignal.stopping()) {
            throw StopSignal.stopped(); // never start a deploy command once a stop was asked for
        }
        ProcessBuilder builder = new ProcessBuilder(Supervisor.command(command)).directory(directory.toFile())
                .redirectErrorStream(true);
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
        // Never written: the supervisor watches for its end. Closing it ends the command's process group.
        OutputStream lifeline = process.getOutputStream();
        MaskingOutputStream masked = mask.filter(output.commandOutput());
        // The output is pumped by its own thread so that this one waits in waitFor(), which a stop ends at
        // once; a blocking read would not.
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
        int exit;
        try {
            exit = StopSignal.await(process::waitFor);
        } catch (InterruptedException e) {
            end(process, lifeline, pump);
            masked.close();
            throw e;
        }
        lifeline.close();
        // Ends when every process of the group has closed the output: the supervisor sends what is left SIGTERM.
        pump.join(TimeUnit.SECONDS.toMillis(Supervisor.GRACE_SECONDS));
        masked.close(); // writes the held tail, masked
        if (pump.isAlive()) {
            output.info("warning: a process the deploy command started still holds its output open; not waiting for it");
        }
        if (failed[0] != null) {
            throw new IOException("reading the deploy command's output failed: " + failed[0].getMessage(), failed[0]);
        }
        if (exit != 0) {
            throw new IOException("the deploy command exited with code " + exit);
        }
    }

    /**
     * The command must not keep deploying behind the engine's back: closing the supervisor's input ends its
     * process group (SIGTERM, then SIGKILL after {@link Supervisor#GRACE_SECONDS}). Waits, uninterruptibly, until
     * the group has closed the output, so that the release is recorded as stopped only once it is.
     */
    private void end(Process process, OutputStream lifeline, Thread pump) {
        output.info("stopping the deploy command (process group " + process.pid() + ")");
        try {
            lifeline.close();
        } catch (IOException alreadyClosed) {
            // the supervisor is gone already
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Supervisor.GRACE_SECONDS + 2);
        boolean interrupted = false;
        while (pump.isAlive() || process.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                pump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)))));
                process.waitFor(1, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true; // already stopping; keep waiting for the group
            }
        }
        if (process.isAlive()) {
            // The supervisor itself does not answer: end what Java can see of the tree.
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        if (interrupted) {
            Thread.interrupted();
        }
    }
}
