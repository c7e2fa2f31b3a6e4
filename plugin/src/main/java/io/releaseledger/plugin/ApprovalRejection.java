package io.releaseledger.plugin;

import java.util.Objects;
import jenkins.model.CauseOfInterruption;

/**
 * Why an {@code approvalGate} ended its build {@code ABORTED}: one of the environment's approvers rejected the release,
 * as the input step's {@code Rejection} says who aborted an input. Jenkins keeps it with the build (the build's
 * interruption causes in {@code build.xml}, written by XStream) and Pipeline in the program while the failure travels
 * ({@code program.dat}, River): hence a public class of plain fields with {@code serialVersionUID = 1}.
 */
public final class ApprovalRejection extends CauseOfInterruption {
    private static final long serialVersionUID = 1L;

    private final long releaseId;
    private final String release;
    private final String userId;
    private final String comment;
    private final long timestamp;

    /**
     * @param release   what was asked, e.g. {@code payments-api 1.4.2 to production}
     * @param userId    who rejected it, as the ledger recorded them
     * @param comment   why, as they wrote it; empty or {@code null} for none
     * @param timestamp when they rejected it, in milliseconds since the epoch
     */
    public ApprovalRejection(long releaseId, String release, String userId, String comment, long timestamp) {
        this.releaseId = releaseId;
        this.release = release;
        this.userId = userId;
        this.comment = comment == null || comment.isBlank() ? null : comment.strip();
        this.timestamp = timestamp;
    }

    public long getReleaseId() {
        return releaseId;
    }

    public String getRelease() {
        return release;
    }

    /** Who rejected the release. */
    public String getUserId() {
        return userId;
    }

    /** Why, or {@code null} when they gave no comment. */
    public String getComment() {
        return comment;
    }

    public long getTimestamp() {
        return timestamp;
    }

    /** e.g. {@code Rejected by bob: not during the audit (release 12: payments-api 1.4.2 to production)}. */
    @Override
    public String getShortDescription() {
        return comment == null ? Messages.ApprovalRejection_ShortDescription(userId, Long.toString(releaseId), release)
                : Messages.ApprovalRejection_ShortDescriptionWithComment(userId, comment, Long.toString(releaseId), release);
    }

    // Jenkins merges equal causes (CauseOfInterruption's contract): the same rejection is shown once.
    @Override
    public boolean equals(Object o) {
        return o instanceof ApprovalRejection that && releaseId == that.releaseId && timestamp == that.timestamp
                && Objects.equals(release, that.release) && Objects.equals(userId, that.userId)
                && Objects.equals(comment, that.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(releaseId, release, userId, comment, timestamp);
    }
}
