/**
 * Approval gates as pure functions: an {@link io.releaseledger.approval.ApprovalRequest} for one digest into
 * one environment, evaluated over the {@link io.releaseledger.approval.ApprovalDecision}s recorded so far and
 * the current time, gives an {@link io.releaseledger.approval.ApprovalStatus}. Storing decisions and waiting
 * for them is the ledger's and the orchestrator's business.
 */
package io.releaseledger.approval;
