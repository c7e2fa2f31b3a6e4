package io.releaseledger.ledger;

import io.releaseledger.Inputs;

/**
 * Who asks for a lease: a name that people read ({@code alice@build-7 (release-ledger pid 4242)}, stable across
 * restarts for a Jenkins controller) and, for an owner that is one process, that process, so that another
 * process on the same machine can give the lease back as soon as it has exited.
 *
 * @param process the owning process, or {@code null} when the owner outlives its processes (a Jenkins
 *                controller, whose durable bodies run on while it restarts)
 */
public record LeaseOwner(String name, ProcessIdentity process) {
    public LeaseOwner {
        Inputs.requiredText("lease holder", name, 200);
    }

    /** An owner known by name only: its lease is given back on expiry, never because a process exited. */
    public static LeaseOwner named(String name) {
        return new LeaseOwner(name, null);
    }

    /** This process, under {@code name}; by name only where the process cannot be identified for certain. */
    public static LeaseOwner thisProcess(String name) {
        return new LeaseOwner(name, ProcessIdentity.current().orElse(null));
    }
}
