package io.releaseledger.plugin;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.InvalidInputException;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.artifact.ArtifactAlreadyRegisteredException;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
 * {@code registerArtifact name: 'payments-api', version: '1.4.2', file: 'target/payments-api.jar'} (or
 * {@code image:} pinned by digest, or {@code digest:}): records the artifact once, by digest, with this
 * build as its source, and returns {@code [name, version, digest, kind, location]}. Registering the same
 * digest again is a no-op; another digest for a registered version is refused (versions are immutable).
 */
public final class RegisterArtifactStep extends Step {
    private final String name;
    private final String version;
    private String file;
    private String image;
    private String digest;

    @DataBoundConstructor
    public RegisterArtifactStep(String name, String version) {
        this.name = Validation.trimToNull(name);
        this.version = Validation.trimToNull(version);
    }

    public String getName() {
        return name;
    }

    public String getVersion() {
        return version;
    }

    public String getFile() {
        return file;
    }

    /** A file in the workspace, relative to it; hashed on the agent. Needs {@code node}. */
    @DataBoundSetter
    public void setFile(String file) {
        this.file = Validation.trimToNull(file);
    }

    public String getImage() {
        return image;
    }

    /** A container image pinned by digest: {@code registry.example.com/team/app@sha256:…}. */
    @DataBoundSetter
    public void setImage(String image) {
        this.image = Validation.trimToNull(image);
    }

    public String getDigest() {
        return digest;
    }

    /** A digest the pipeline computed itself, {@code sha256:<64 hex>}, for anything neither a file nor an image. */
    @DataBoundSetter
    public void setDigest(String digest) {
        this.digest = Validation.trimToNull(digest);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /**
     * Checks the parameters before anything is read or written.
     *
     * @throws AbortException with one line naming the parameter and the fix
     */
    void check() throws AbortException {
        try {
            ArtifactRegistration.validName(name);
            ArtifactRegistration.validVersion(version);
        } catch (InvalidInputException e) {
            throw new AbortException("registerArtifact: " + e.getMessage());
        }
        int given = (file == null ? 0 : 1) + (image == null ? 0 : 1) + (digest == null ? 0 : 1);
        if (given != 1) {
            throw new AbortException(given == 0 ? Messages.RegisterArtifactStep_NoSource() : Messages.RegisterArtifactStep_SeveralSources());
        }
        if (image != null) imageDigest(image);
        if (digest != null) parseDigest("digest", digest);
    }

    /**
     * What to record, given the digest of {@link #getFile()} when it names a file.
     *
     * @throws AbortException when a parameter is invalid
     */
    ArtifactRegistration registration(Digest fileDigest, ArtifactSource source) throws AbortException {
        check();
        try {
            if (file != null) return new ArtifactRegistration(name, version, fileDigest, ArtifactKind.FILE, file, source);
            if (image != null) {
                return new ArtifactRegistration(name, version, imageDigest(image), ArtifactKind.CONTAINER_IMAGE, image, source);
            }
            return new ArtifactRegistration(name, version, parseDigest("digest", digest), ArtifactKind.OTHER, null, source);
        } catch (InvalidInputException e) {
            throw new AbortException("registerArtifact: " + e.getMessage());
        }
    }

    /** The digest an image reference is pinned to; a tag alone names no fixed content. */
    static Digest imageDigest(String image) throws AbortException {
        int at = image.lastIndexOf('@');
        if (at < 0) {
            throw new AbortException(Messages.RegisterArtifactStep_ImageNotPinned(image));
        }
        return parseDigest("image", image.substring(at + 1));
    }

    private static Digest parseDigest(String parameter, String text) throws AbortException {
        try {
            return Digest.of(text);
        } catch (InvalidInputException e) {
            throw new AbortException("registerArtifact: " + parameter + ": " + e.getMessage());
        }
    }

    /**
     * Records the registration. A version registered before with other content is the pipeline author's to
     * fix, so it is an {@link AbortException} naming the first registration.
     */
    static Artifact register(Ledger ledger, ArtifactRegistration registration, Actor actor) throws AbortException {
        try {
            return ledger.registerArtifact(registration, actor);
        } catch (ArtifactAlreadyRegisteredException e) {
            throw new AbortException("registerArtifact: " + e.getMessage());
        }
    }

    /** The step's value: plain, serializable types only, since it lives on in the Pipeline's program state. */
    static Map<String, Object> result(Artifact artifact) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", artifact.name());
        result.put("version", artifact.version());
        result.put("digest", artifact.digest().value());
        result.put("kind", kindName(artifact.kind()));
        result.put("location", artifact.location());
        return result;
    }

    static String kindName(ArtifactKind kind) {
        return switch (kind) {
            case FILE -> "file";
            case CONTAINER_IMAGE -> "image";
            case OTHER -> kind.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Runs on a pool thread, not the Pipeline's CPS thread. A {@link SynchronousNonBlockingStepExecution} fits:
     * the work is bounded (one read of one file on the agent, one ledger transaction) and never waits on a
     * person or a timer; stopping the build interrupts it. It is not resumable, so after a controller restart
     * mid-hash the step fails and is simply run again (registering the same digest twice is a no-op). That
     * is also why the step itself is held only transiently.
     */
    public static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient RegisterArtifactStep step;

        Execution(RegisterArtifactStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            step.check();
            Digest fileDigest = null;
            if (step.getFile() != null) {
                FilePath workspace = context.get(FilePath.class);
                if (workspace == null) {
                    throw new AbortException(Messages.RegisterArtifactStep_NoWorkspace());
                }
                fileDigest = Digest.of(workspace.child(step.getFile()).act(new Sha256OnAgent(step.getFile())));
            }
            BuildOrigin origin = BuildOrigin.of(context.get(Run.class), context.get(EnvVars.class));
            Artifact artifact = register(PluginLedger.get(), step.registration(fileDigest, origin.source()), origin.actor());
            context.get(TaskListener.class).getLogger().println(Messages.RegisterArtifactStep_Registered(artifact.coordinates(),
                    artifact.digest(), artifact.registeredBy()));
            return result(artifact);
        }
    }

    @Extension
    @Symbol("registerArtifact")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "registerArtifact";
        }

        @Override
        public String getDisplayName() {
            return Messages.RegisterArtifactStep_DisplayName();
        }

        /**
         * Only what every use needs. A workspace ({@code FilePath}) is needed only with {@code file:}, and this
         * set is per step type, not per call; so, as Pipeline steps do for optional contexts, the execution asks
         * for it and fails with a clear message when absent. Requiring it here would forbid {@code image:} and
         * {@code digest:} outside {@code node}, where they hold no executor.
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
