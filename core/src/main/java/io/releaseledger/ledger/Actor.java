package io.releaseledger.ledger;

import io.releaseledger.Inputs;

/**
 * Who did something and from where: a user id or job, and the build URL or host it came from.
 * Every ledger event carries one.
 */
public record Actor(String name, String origin) {
    public Actor {
        Inputs.requiredText("actor", name, 200);
        Inputs.requiredText("origin", origin, 2000);
    }

    /** The ledger itself, acting on expiry or housekeeping, from this host. */
    public static Actor system(String origin) {
        return new Actor("release-ledger", origin);
    }
}
