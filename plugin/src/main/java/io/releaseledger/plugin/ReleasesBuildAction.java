package io.releaseledger.plugin;

import hudson.model.Run;
import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.release.Release;
import io.releaseledger.engine.ReleaseApprovals;
import io.releaseledger.release.ReleaseState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;

/**
 * "Releases" on a build's page: the releases this build made (approval gates, deployments, rollbacks), each with
 * its state, who may still approve it, and a link to its page under {@code /release-ledger/}. The build keeps only
 * the ids (and a gate's message); everything else is read from the ledger when the page is shown.
 */
public final class ReleasesBuildAction implements RunAction2 {
    private final List<Long> releaseIds = new ArrayList<>();
    private final Map<Long, String> messages = new LinkedHashMap<>();
    /** The releases an {@code approvalGate} opened, for a later {@code deployRelease} to continue; null in builds saved before. */
    private List<Long> approvalGates;
    private transient Run<?, ?> run;

    /**
     * Adds release {@code releaseId} to {@code run}'s list (once), creating the action on first use, and saves
     * the build. For every step that makes releases ({@code approvalGate}, {@code deployRelease}, …).
     *
     * @param message shown with the release on the build's page, or {@code null}
     */
    public static void record(Run<?, ?> run, long releaseId, String message) throws IOException {
        record(run, releaseId, message, false);
    }

    /**
     * Like {@link #record}, for the release an {@code approvalGate} opened: a {@code deployRelease} later in the
     * build for the same environment, artifact and version continues it instead of asking the approvers again.
     */
    public static void recordApprovalGate(Run<?, ?> run, long releaseId, String message) throws IOException {
        record(run, releaseId, message, true);
    }

    private static void record(Run<?, ?> run, long releaseId, String message, boolean gate) throws IOException {
        synchronized (ReleasesBuildAction.class) {
            ReleasesBuildAction action = run.getAction(ReleasesBuildAction.class);
            if (action == null) {
                action = new ReleasesBuildAction();
                run.addAction(action);
            }
            action.add(releaseId, message);
            if (gate) action.addApprovalGate(releaseId);
        }
        run.save();
    }

    synchronized void add(long releaseId, String message) {
        if (!releaseIds.contains(releaseId)) releaseIds.add(releaseId);
        if (message != null && !message.isBlank()) messages.put(releaseId, message);
    }

    synchronized void addApprovalGate(long releaseId) {
        if (approvalGates == null) approvalGates = new ArrayList<>();
        if (!approvalGates.contains(releaseId)) approvalGates.add(releaseId);
    }

    public synchronized List<Long> getReleaseIds() {
        return List.copyOf(releaseIds);
    }

    /** The releases approval gates of this build opened, oldest first. */
    public synchronized List<Long> getApprovalGateIds() {
        return approvalGates == null ? List.of() : List.copyOf(approvalGates);
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-rocket-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return Messages.ReleasesBuildAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "releases";
    }

    /**
     * One release as the build's page shows it.
     *
     * @param waitingFor for a release awaiting approval, who may still approve and until when; else {@code null}
     * @param path       the release's page relative to Jenkins' root URL
     * @param message    the gate's message, or {@code null}
     */
    public record Row(long id, String environment, String artifact, String version, String state, String reason,
                      String waitingFor, String path, String message) {
        // Getters for Jelly, which reads JavaBean properties.
        public long getId() { return id; }
        public String getEnvironment() { return environment; }
        public String getArtifact() { return artifact; }
        public String getVersion() { return version; }
        public String getState() { return state; }
        public String getReason() { return reason; }
        public String getWaitingFor() { return waitingFor; }
        public String getPath() { return path; }
        public String getMessage() { return message; }
    }

    /** The rows for the views; empty for those who may not see releases, or when the ledger cannot be read. */
    public List<Row> getReleases() {
        if (!Jenkins.get().hasPermission(ReleaseLedgerPermissions.VIEW)) return List.of();
        List<Long> ids;
        Map<Long, String> notes;
        synchronized (this) {
            ids = List.copyOf(releaseIds);
            notes = Map.copyOf(messages);
        }
        try {
            return rows(PluginLedger.get(), ReleaseLedgerConfiguration.get().toEnvironmentConfig(), ids, notes);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    static List<Row> rows(Ledger ledger, EnvironmentConfig environments, List<Long> ids, Map<Long, String> messages) {
        ReleaseApprovals approvals = PluginApprovals.of(ledger, environments);
        List<Row> rows = new ArrayList<>();
        for (long id : ids) {
            Release r;
            try {
                r = ledger.release(id);
            } catch (NoSuchElementException e) {
                continue;
            }
            String waiting = null;
            if (r.state() == ReleaseState.AWAITING_APPROVAL && environments.find(r.environment()).isPresent()) {
                ApprovalStatus status = approvals.status(id);
                waiting = status.describe();
            }
            rows.add(new Row(id, r.environment(), r.artifactName(), r.version(), r.state().name(), r.reason(), waiting,
                    releasePath(id), messages.get(id)));
        }
        return rows;
    }

    /** A release's page, relative to Jenkins' root URL. */
    static String releasePath(long id) {
        return ReleasesRootAction.URL_NAME + "/#/releases/" + id;
    }

    /** A release's page under Jenkins' root URL, as the Releases pages link it; empty without a root URL. */
    static Optional<String> releaseUrl(String rootUrl, long id) {
        if (rootUrl == null || rootUrl.isBlank()) return Optional.empty();
        return Optional.of((rootUrl.endsWith("/") ? rootUrl : rootUrl + "/") + releasePath(id));
    }
}
