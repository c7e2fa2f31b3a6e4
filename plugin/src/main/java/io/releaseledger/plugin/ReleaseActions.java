package io.releaseledger.plugin;

import io.releaseledger.approval.ApprovalClosedException;
import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.approval.Decision;
import io.releaseledger.approval.NotAnApproverException;
import io.releaseledger.environment.Approver;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.release.Release;
import io.releaseledger.engine.ReleaseApprovals;
import io.releaseledger.release.ReleasePlan;
import io.releaseledger.release.ReleaseState;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import jenkins.model.IdStrategy;

/**
 * What Approve, Reject and Roll back do, as plain methods over {@link JenkinsSide}: the web methods of
 * {@link ReleasesRootAction} only call these. Every method checks a permission on its first line; approvals then
 * answer "already settled?" (409) before checking Release Ledger/Approve, as Pipeline's input step does, so a
 * person who clicked a stale button learns the request is over rather than that they may not decide it.
 */
final class ReleaseActions {
    private final JenkinsSide jenkins;

    ReleaseActions(JenkinsSide jenkins) {
        this.jenkins = jenkins;
    }

    /**
     * Approve or reject release {@code idText}: 400 for a malformed id, 404 for an unknown release, 409 when it
     * is not awaiting approval (or its request already ended), 403 without Release Ledger/Approve (thrown) or when
     * the environment's approvers do not include the user, 200 with the approval status otherwise.
     */
    BufferedResponse decide(String idText, Decision decision, String comment) {
        jenkins.checkPermission(ReleaseLedgerPermissions.VIEW);
        Long id = releaseId(idText);
        if (id == null) return badId(idText);
        Ledger ledger = jenkins.ledger();
        Release release;
        try {
            release = ledger.release(id);
        } catch (NoSuchElementException e) {
            return notFound(id);
        }
        if (!release.awaitsApproval()) {
            return BufferedResponse.error(409, "id", release.reason() == null
                    ? Messages.ReleaseActions_NotAwaiting(Long.toString(id), release.state())
                    : Messages.ReleaseActions_NotAwaitingBecause(Long.toString(id), release.state(), release.reason()));
        }
        if (jenkins.environments().find(release.environment()).isEmpty()) {
            return BufferedResponse.error(409, "id", Messages.ReleaseActions_EnvironmentGone(Long.toString(id), release.environment()));
        }
        ReleaseApprovals approvals = PluginApprovals.of(ledger, jenkins.environments());
        ApprovalStatus status = approvals.status(id);
        if (!(status instanceof ApprovalStatus.Pending pending)) {
            return BufferedResponse.error(409, "id", Messages.ReleaseActions_RequestEnded(Long.toString(id), status.describe()));
        }
        jenkins.checkPermission(ReleaseLedgerPermissions.APPROVE);

        String user = jenkins.userId();
        Set<String> groups = jenkins.groups();
        if (!mayDecide(pending.approvers(), user, groups, jenkins.userIdStrategy(), jenkins.groupIdStrategy())) {
            return BufferedResponse.error(403, "user", Messages.ReleaseActions_NotAnApprover(user, release.environment(),
                    spellings(pending.approvers())));
        }
        Set<String> userSpellings = new LinkedHashSet<>();
        for (Approver a : pending.approvers()) if (a instanceof Approver.User u) userSpellings.add(u.id());
        userSpellings.add(release.initiator());
        String asConfigured = canonical(user, userSpellings, jenkins.userIdStrategy());
        Set<String> groupSpellings = new LinkedHashSet<>();
        for (Approver a : pending.approvers()) if (a instanceof Approver.Group g) groupSpellings.add(g.name());
        Set<String> groupsAsConfigured = new LinkedHashSet<>();
        for (String group : groups) groupsAsConfigured.add(canonical(group, groupSpellings, jenkins.groupIdStrategy()));

        Actor actor = new Actor(asConfigured, jenkins.origin());
        ApprovalStatus after;
        try {
            after = approvals.decide(id, asConfigured, groupsAsConfigured, decision, comment == null ? "" : comment.strip(), actor);
        } catch (NotAnApproverException e) {
            return BufferedResponse.error(403, "user", e.getMessage());
        } catch (ApprovalClosedException e) {
            return BufferedResponse.error(409, "id", e.getMessage());
        }
        Release now = approvals.settle(id, actor); // the waiting gate sees it on its next poll either way
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("releaseId", id);
        fields.put("decision", decision.name());
        fields.put("by", asConfigured);
        fields.put("state", now.state().name());
        fields.put("status", after.describe());
        return BufferedResponse.json(200, fields);
    }

    /**
     * Roll the environment of release {@code idText} back to it, by scheduling a build of the job that deployed
     * it, carrying a {@link RollbackRequestAction}. Needs Release Ledger/Rollback, then Item/Build on that job.
     * 404 for an unknown release or a job that is gone, 409 for a release that was never live, is live now, or
     * has no job recorded (deployed from the command line), 202 when the build is queued.
     */
    BufferedResponse rollback(String idText) {
        jenkins.checkPermission(ReleaseLedgerPermissions.ROLLBACK);
        Long id = releaseId(idText);
        if (id == null) return badId(idText);
        Ledger ledger = jenkins.ledger();
        Release target;
        try {
            target = ledger.release(id);
        } catch (NoSuchElementException e) {
            return notFound(id);
        }
        if (!target.canBeRolledBackTo()) {
            return target.state() == ReleaseState.LIVE
                    ? BufferedResponse.error(409, "id", Messages.ReleaseActions_LiveNow(Long.toString(id), target.environment()))
                    : BufferedResponse.error(409, "id", Messages.ReleaseActions_NeverLive(Long.toString(id), target.environment()));
        }
        String job = jobOf(ledger, id).orElse(null);
        if (job == null) {
            return BufferedResponse.error(409, "id", Messages.ReleaseActions_NoJob(Long.toString(id), target.environment(), target.version()));
        }
        RollbackRequestAction action = new RollbackRequestAction(target.environment(), target.artifactName(),
                target.version(), id, jenkins.userId());
        if (!jenkins.scheduleBuild(job, action)) {
            return BufferedResponse.error(404, "job", Messages.ReleaseActions_JobUnavailable(job, Long.toString(id)));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("releaseId", id);
        fields.put("environment", target.environment());
        fields.put("version", target.version());
        fields.put("scheduled", job);
        return BufferedResponse.json(202, fields);
    }

    /** The deploying job's full name, from the release's plan; empty for a release requested without one. */
    static Optional<String> jobOf(Ledger ledger, long releaseId) {
        return ledger.plan(releaseId).map(ReleasePlan::fromJson).map(ReleasePlan::job);
    }

    /**
     * Whether the user is one of the approvers, by the security realm's id strategies (user ids with the user
     * strategy, group names with the group strategy), not by core's default case-insensitive comparison.
     */
    static boolean mayDecide(Set<Approver> approvers, String user, Set<String> groups, IdStrategy users, IdStrategy groupIds) {
        for (Approver approver : approvers) {
            if (approver instanceof Approver.User u && users.equals(u.id(), user)) return true;
            if (approver instanceof Approver.Group g) {
                for (String group : groups) if (groupIds.equals(g.name(), group)) return true;
            }
        }
        return false;
    }

    /**
     * The configured spelling of {@code id} when the strategy says one of {@code spellings} is the same id, else
     * {@code id}: core then records the approver as configured and recognises the initiator however the realm
     * spells them.
     */
    static String canonical(String id, Set<String> spellings, IdStrategy strategy) {
        for (String spelling : spellings) if (strategy.equals(spelling, id)) return spelling;
        return id;
    }

    private static String spellings(Set<Approver> approvers) {
        return String.join(", ", approvers.stream().map(Approver::spelling).sorted().toList());
    }

    /** Only the canonical spelling, as the JSON API: ASCII digits without a sign or leading zeros ({@code +1},
     * {@code 01} or a fullwidth {@code １} are not release 1). */
    static Long releaseId(String text) {
        String id = text == null ? "" : text.strip();
        if (!id.matches("[1-9][0-9]{0,18}")) {
            return null;
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null; // beyond a long
        }
    }

    private static BufferedResponse badId(String text) {
        return BufferedResponse.error(400, "id", text == null ? Messages.ReleaseActions_IdMissing() : Messages.ReleaseActions_IdInvalid(text));
    }

    private static BufferedResponse notFound(long id) {
        return BufferedResponse.error(404, "id", Messages.ReleaseActions_NotFound(Long.toString(id)));
    }
}
