/**
 * Whether a digest may enter an environment: {@link io.releaseledger.promotion.PromotionRules} applies the
 * requires, freeze and allowed-deployer rules to plain data and either clears the promotion or refuses it
 * with a {@link io.releaseledger.promotion.PromotionRefusedException} that says what would satisfy the rule.
 */
package io.releaseledger.promotion;
