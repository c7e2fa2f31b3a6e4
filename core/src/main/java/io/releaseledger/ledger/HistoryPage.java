package io.releaseledger.ledger;

import io.releaseledger.release.Release;
import java.util.List;

/**
 * A page of an environment's releases, newest first.
 *
 * @param nextBefore pass as {@code before} to get the next (older) page; {@code null} on the last page
 */
public record HistoryPage(List<Release> releases, Long nextBefore) {
    public HistoryPage {
        releases = List.copyOf(releases);
    }
}
