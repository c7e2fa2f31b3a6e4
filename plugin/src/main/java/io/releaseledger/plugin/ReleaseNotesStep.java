package io.releaseledger.plugin;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.ledger.HistoryPage;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.notes.ReleaseNotes;
import io.releaseledger.release.Release;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code def notes = releaseNotes environment: 'production', file: 'RELEASE_NOTES.md'}: the Markdown release
 * notes of the environment's newest release, as core writes them ({@link ReleaseNotes}: state, who and when,
 * artifact and digest with the command that checks it, approvals, state changes, health evidence, and what
 * changed since the previous live release), plus the SCM changes of the builds between the one that built the
 * previous live release's artifact and the one that built this release's ({@link BuildChanges}). Returned, and
 * written to {@code file} in the workspace when given.
 */
public final class ReleaseNotesStep extends Step {
    private final String environment;
    private String file;

    @DataBoundConstructor
    public ReleaseNotesStep(String environment) {
        this.environment = Validation.trimToNull(environment);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getFile() {
        return file;
    }

    /** A path relative to the workspace to write the notes to (UTF-8); needs {@code node}. */
    @DataBoundSetter
    public void setFile(String file) {
        this.file = Validation.trimToNull(file);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(environment, file, context);
    }

    /**
     * The notes of the environment's newest release, with the release live there before it as the comparison and
     * the SCM changes between their builds, read from {@code builds}.
     *
     * @throws AbortException when nothing was ever released into the environment
     */
    static String notes(Ledger ledger, String environment, BuildChanges.Source builds) throws AbortException {
        HistoryPage page = ledger.history(environment, null, 1);
        if (page.releases().isEmpty()) {
            throw new AbortException(Messages.ReleaseNotesStep_NothingReleased(environment));
        }
        Release newest = page.releases().get(0);
        Artifact artifact = ledger.artifact(newest.artifactName(), newest.version()).orElse(null);
        Release previous = ledger.lastKnownGood(environment, newest.id()).orElse(null);
        Artifact previousArtifact = previous == null ? null
                : ledger.artifact(previous.artifactName(), previous.version()).orElse(null);
        return ReleaseNotes.markdown(ledger.timeline(newest.id()), artifact, previous,
                BuildChanges.between(previous, previousArtifact, newest, artifact, builds));
    }

    /** One read and at most one file write: short, nothing to resume (see {@link RegisterArtifactStep.Execution}). */
    public static final class Execution extends SynchronousNonBlockingStepExecution<String> {
        private static final long serialVersionUID = 1L;
        private final String environment;
        private final String file;

        Execution(String environment, String file, StepContext context) {
            super(context);
            this.environment = environment;
            this.file = file;
        }

        @Override
        protected String run() throws Exception {
            StepContext context = getContext();
            ReleaseStatusStep.checkConfigured(ReleaseLedgerConfiguration.get().toEnvironmentConfig(), environment, "releaseNotes");
            String markdown = notes(PluginLedger.get(), environment, BuildChanges.JENKINS);
            if (file != null) {
                FilePath workspace = context.get(FilePath.class);
                if (workspace == null) {
                    throw new AbortException(Messages.ReleaseNotesStep_NoWorkspace());
                }
                workspace.child(file).write(markdown, "UTF-8");
                context.get(TaskListener.class).getLogger().println(Messages.ReleaseNotesStep_Written(environment, file));
            }
            return markdown;
        }
    }

    @Extension
    @Symbol("releaseNotes")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "releaseNotes";
        }

        @Override
        public String getDisplayName() {
            return Messages.ReleaseNotesStep_DisplayName();
        }

        /** Like {@code registerArtifact}: the workspace is asked for only when {@code file:} is given. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
