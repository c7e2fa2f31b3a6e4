package io.releaseledger.ledger;

/** What a ledger event records. Stored by name: never rename a constant. */
public enum EventType {
    ENVIRONMENT_DEFINED,
    ARTIFACT_REGISTERED,
    RELEASE_REQUESTED,
    RELEASE_STATE_CHANGED,
    APPROVAL_DECIDED,
    HEALTH_SAMPLED,
    LEASE_ACQUIRED,
    LEASE_RELEASED,
    LEASE_EXPIRED,
    /** A deployment took over an approved release and recorded its own plan (health checks, verification). */
    RELEASE_PLAN_SET
}
