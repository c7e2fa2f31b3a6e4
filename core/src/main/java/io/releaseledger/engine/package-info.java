/**
 * What drives a release through the ledger: the state machine as a pure function
 * (package-private {@code ReleaseMachine}: a release, an event and the circumstances give the moves to record
 * and the effects to perform), {@link io.releaseledger.engine.ReleaseRules} (the rules against the ledger, one short
 * piece at a time), {@link io.releaseledger.engine.ReleaseRun} (one release carried to a settled state for any host,
 * which supplies a {@link io.releaseledger.engine.RunHost}) and {@link io.releaseledger.engine.ReleaseEngine} (a run in
 * the calling thread), with the requests they take and the lease they keep. It depends on {@code release} and {@code ledger}; neither
 * depends on it.
 */
package io.releaseledger.engine;
