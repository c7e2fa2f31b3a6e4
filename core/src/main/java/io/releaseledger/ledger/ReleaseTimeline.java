package io.releaseledger.ledger;

import io.releaseledger.release.Release;
import java.util.List;

/** Everything the ledger knows about one release, in order. */
public record ReleaseTimeline(Release release, List<LedgerEvent> events, List<Approval> approvals,
                              List<SampleRecord> samples) {
    public ReleaseTimeline {
        events = List.copyOf(events);
        approvals = List.copyOf(approvals);
        samples = List.copyOf(samples);
    }
}
