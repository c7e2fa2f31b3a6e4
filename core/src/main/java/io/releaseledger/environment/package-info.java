/**
 * Environments and the rules administrators set for them: {@link io.releaseledger.environment.EnvironmentPolicy}
 * (order, requires, approval, freeze windows, auto-rollback, inconclusive verdicts, allowed deployers,
 * credential bindings), the whole {@link io.releaseledger.environment.EnvironmentConfig}, and
 * {@link io.releaseledger.environment.PolicyYaml}, the reader of the {@code environments:} of the command-line tool's
 * {@code release-ledger.yaml} (the whole file is {@code io.releaseledger.config}'s).
 *
 * <p>Every value is validated when it is constructed; every rejection is an
 * {@link io.releaseledger.environment.InvalidPolicyException} naming the field, the value and what is allowed
 * (and, for a file, where). The format and rules are described in {@code docs/environment-policy.md}.
 */
package io.releaseledger.environment;
