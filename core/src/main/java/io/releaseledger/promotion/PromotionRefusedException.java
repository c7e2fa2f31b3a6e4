package io.releaseledger.promotion;

/**
 * A promotion the environment's policy does not allow. The message names the rule, the environment and
 * what would satisfy it.
 */
public final class PromotionRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The rule that refused the promotion. */
    public enum Rule {
        /** The digest is not yet live in every environment the target requires. */
        REQUIRES_NOT_MET,
        /** A freeze window covers now and no emergency override was given. */
        FROZEN,
        /** The deploying job does not match the environment's allowed deployers. */
        DEPLOYER_NOT_ALLOWED,
        /** A rollback asked for a digest that was never live in the environment. */
        NOT_KNOWN_GOOD
    }

    private final Rule rule;
    private final String environment;

    PromotionRefusedException(Rule rule, String environment, String message) {
        super(message);
        this.rule = rule;
        this.environment = environment;
    }

    public Rule rule() {
        return rule;
    }

    /** The environment the digest was to enter. */
    public String environment() {
        return environment;
    }
}
