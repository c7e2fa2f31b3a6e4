/**
 * The command-line tool's configuration file, {@code release-ledger.yaml}, as a whole:
 * {@link io.releaseledger.config.ReleaseLedgerYaml} reads it into a {@link io.releaseledger.config.ReleaseLedgerFile}
 * (where the ledger is, {@link io.releaseledger.config.LedgerSettings}; the environments and their policies; the
 * webhooks to notify). It composes sections that other packages own, so that {@code environment} need not know
 * {@code notify}: the format is described in {@code docs/environment-policy.md}.
 */
package io.releaseledger.config;
