package io.releaseledger.promotion;

/** Why a digest is entering an environment. */
public enum PromotionKind {
    /** A new release: every rule applies. */
    DEPLOY,
    /**
     * Going back to a release that was live in this environment before. It skips {@code requires} and
     * freezes, because during an incident the way back must stay open.
     */
    ROLLBACK_TO_KNOWN_GOOD
}
