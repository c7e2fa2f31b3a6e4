/**
 * What drives a release through the ledger: the state machine as a pure function
 * (package-private {@code ReleaseMachine}: a release, an event and the circumstances give the moves to record
 * and the effects to perform), {@link io.releaseledger.engine.ReleaseSteps} (one short piece at a time, for hosts that
 * wait asynchronously) and {@link io.releaseledger.engine.ReleaseEngine} (the whole release in the calling thread),
 * with the requests they take and the lease they keep. It depends on {@code release} and {@code ledger}; neither
 * depends on it.
 */
package io.releaseledger.engine;
