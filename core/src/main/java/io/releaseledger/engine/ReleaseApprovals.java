package io.releaseledger.engine;

import io.releaseledger.approval.ApprovalDecision;
import io.releaseledger.approval.ApprovalRequest;
import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.approval.Decision;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.notify.Notifier;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.release.StaleReleaseStateException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The approvals of releases, for hosts that wait for people without holding a thread (Jenkins' {@code approvalGate}
 * and Releases page) and for {@link ReleaseEngine}: record a deploy as far as its approvals, record a person's
 * decision, read the status, and record how the request ended. Nothing here probes, takes a lease or deploys.
 */
public final class ReleaseApprovals {
    private final ReleaseRules rules;
    private final Clock clock;
    private final Notifier notifier;
    private final EngineListener listener;

    /** Approvals on {@code ledger} under {@code environments}' policies, announced through {@code notifier}. */
    public ReleaseApprovals(Ledger ledger, EnvironmentConfig environments, Clock clock, Notifier notifier) {
        this(new ReleaseRules(ledger, environments, clock), clock, notifier, EngineListener.SILENT);
    }

    ReleaseApprovals(ReleaseRules rules, Clock clock, Notifier notifier, EngineListener listener) {
        this.rules = rules;
        this.clock = clock;
        this.notifier = notifier;
        this.listener = listener;
    }

    /**
     * Records a deploy request and takes it only as far as its approvals: the same promotion rules as a deploy (a
     * refusal changes nothing), then {@code AWAITING_APPROVAL} with <em>approval requested</em> notified, or
     * {@code APPROVED} at once when the policy wants no approvals. Nothing is deployed and no lease is taken:
     * {@link #settle} records how the request ended; {@link ReleaseEngine#resume} or a host's deploy carries an
     * approved release on.
     *
     * @return the release, {@code AWAITING_APPROVAL} or {@code APPROVED}
     */
    public Release request(DeployRequest request) {
        Release release = rules.request(request);
        listener.moved(release);
        return applyAndNotify(release, new ReleaseEvent.Requested(), request.actor());
    }

    /**
     * For a host polling a release that awaits approval: when its request has ended — enough approvals, a rejection,
     * or the deadline passed — records that ending ({@code APPROVED}, {@code REJECTED}, {@code APPROVAL_TIMED_OUT});
     * while it is still open, or once the release has left {@code AWAITING_APPROVAL} (aborted, or settled by another
     * poller), records nothing.
     *
     * @return the release as the ledger now holds it
     */
    public Release settle(long releaseId, Actor actor) {
        Release release = rules.ledger().release(releaseId);
        if (release.state() != ReleaseState.AWAITING_APPROVAL) {
            return release;
        }
        Optional<ReleaseEvent> ended = ReleaseRules.approvalEvent(rules.approvalStatus(release));
        if (ended.isEmpty()) {
            return release;
        }
        try {
            return applyAndNotify(release, ended.get(), actor);
        } catch (StaleReleaseStateException e) {
            return rules.ledger().release(releaseId); // another poller, or an abort, moved it first
        }
    }

    /**
     * Records a person's decision on a release awaiting approval, after checking they may decide. Whoever waits for
     * the approvals picks it up on its next poll.
     *
     * @param groups the groups the user belongs to, as the host's security realm says
     * @return the approval status after this decision
     */
    public ApprovalStatus decide(long releaseId, String user, Set<String> groups, Decision decision, String comment,
                                 Actor actor) {
        Release release = rules.ledger().release(releaseId);
        ApprovalRequest request = rules.approvalRequest(release);
        ApprovalDecision next = new ApprovalDecision(release.environment(), release.digest().value(), user, groups,
                decision, clock.instant(), comment);
        ApprovalStatus status = request.decide(rules.decisions(release), next); // refuses those who may not decide
        Set<String> admitting = new TreeSet<>();
        for (Approver a : request.policy().approvers()) {
            if (a instanceof Approver.Group g && groups.contains(g.name())) {
                admitting.add(g.name());
            }
        }
        rules.ledger().decide(releaseId, user, admitting, decision, comment, actor);
        return status;
    }

    /**
     * Stops a release still in flight, such as one awaiting approval whose gate was stopped: recorded {@code ABORTED}
     * by {@code abortedBy}, never retried. A no-op once the release has ended.
     *
     * @return the release as the ledger now holds it
     */
    public Release abort(long releaseId, String abortedBy, String reason, Actor actor) {
        return rules.abort(releaseId, abortedBy, reason, actor).map(ReleaseRules.Applied::release)
                .orElseGet(() -> rules.ledger().release(releaseId));
    }

    /** The approval status of a release, as of now. */
    public ApprovalStatus status(long releaseId) {
        return rules.approvalStatus(rules.ledger().release(releaseId));
    }

    /** Records the moves of one event and performs its notifications; every other effect is left to a driver. */
    private Release applyAndNotify(Release release, ReleaseEvent event, Actor actor) {
        ReleaseRules.Applied applied = rules.apply(release, event, actor);
        applied.moved().forEach(listener::moved);
        for (Effect effect : applied.effects()) {
            if (effect instanceof Effect.Notify notify) {
                notify(notify, applied.release());
            }
        }
        return applied.release();
    }

    /** Tells people, with the bound secrets masked; delivery failures never affect the release. */
    private void notify(Effect.Notify notify, Release release) {
        notifier.notify(rules.notification(notify, release));
    }
}
