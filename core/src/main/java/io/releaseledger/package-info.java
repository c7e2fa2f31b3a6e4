/**
 * Release Ledger's engine. One package per concept: {@code artifact}, {@code environment},
 * {@code release}, {@code approval}, {@code health}, {@code rollback}, {@code ledger}, {@code secrets}.
 * Nothing here depends on Jenkins; the plugin and the CLI are adapters around it.
 */
package io.releaseledger;
