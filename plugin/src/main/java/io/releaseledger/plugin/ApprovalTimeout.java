package io.releaseledger.plugin;

import java.time.Instant;
import java.util.Objects;
import jenkins.model.CauseOfInterruption;

/**
 * Why an {@code approvalGate} ended its build {@code ABORTED}: its release request timed out before enough approvers
 * approved it, as workflow-basic-steps' {@code ExceededTimeout} says a {@code timeout} block ran out. Kept with the
 * build ({@code build.xml}, XStream) and in the program while the failure travels ({@code program.dat}, River):
 * hence a public class of plain fields with {@code serialVersionUID = 1}.
 */
public final class ApprovalTimeout extends CauseOfInterruption {
    private static final long serialVersionUID = 1L;

    private final long releaseId;
    private final String release;
    private final String timeout;
    private final long deadline;

    /**
     * @param release  what was asked, e.g. {@code payments-api 1.4.2 to production}
     * @param timeout  how long the request waited, as a duration is written in the configuration, e.g. {@code 4h}
     * @param deadline when it timed out, in milliseconds since the epoch
     */
    public ApprovalTimeout(long releaseId, String release, String timeout, long deadline) {
        this.releaseId = releaseId;
        this.release = release;
        this.timeout = timeout;
        this.deadline = deadline;
    }

    public long getReleaseId() {
        return releaseId;
    }

    public String getRelease() {
        return release;
    }

    /** How long the request waited, e.g. {@code 4h}. */
    public String getTimeout() {
        return timeout;
    }

    public long getDeadline() {
        return deadline;
    }

    /** e.g. {@code Approval timed out after 4h without a decision (release 12: payments-api 1.4.2 to production, at …)}. */
    @Override
    public String getShortDescription() {
        return Messages.ApprovalTimeout_ShortDescription(timeout, Long.toString(releaseId), release,
                Instant.ofEpochMilli(deadline).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApprovalTimeout that && releaseId == that.releaseId && deadline == that.deadline
                && Objects.equals(release, that.release) && Objects.equals(timeout, that.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(releaseId, release, timeout, deadline);
    }
}
