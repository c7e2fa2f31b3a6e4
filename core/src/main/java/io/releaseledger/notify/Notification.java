package io.releaseledger.notify;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something happened to a release that a person should hear about.
 *
 * @param kind        what happened
 * @param environment the environment of the release, e.g. {@code production}
 * @param releaseId   the release's id in the ledger
 * @param artifact    the artifact's name
 * @param version     the artifact's version
 * @param digest      the artifact's content digest, {@code sha256:<64 hex>}
 * @param message     why, in a sentence: the rollback's reason, the failure, who asks for approval
 * @param link        where to look, usually the release's page; empty when there is none
 * @param time        when it happened
 */
public record Notification(Kind kind, String environment, long releaseId, String artifact, String version,
                           String digest, String message, Optional<URI> link, Instant time) {

    /** What happened. */
    public enum Kind {
        /** An unhealthy release was rolled back to the last known-good one, which verified healthy. */
        ROLLBACK_PERFORMED("rollback.performed", "Rolled back"),
        /** A rollback did not reach a healthy release: the environment is degraded and needs a person. */
        ROLLBACK_FAILED("rollback.failed", "Rollback FAILED"),
        /** A release waits for approval before it may deploy. */
        APPROVAL_REQUESTED("approval.requested", "Approval requested");

        private final String event;
        private final String headline;

        Kind(String event, String headline) {
            this.event = event;
            this.headline = headline;
        }

        /** The stable name receivers switch on, e.g. {@code rollback.failed}. */
        public String event() {
            return event;
        }

        /** The kind whose {@link #event()} is {@code name}, as configurations name it; empty for any other text. */
        public static java.util.Optional<Kind> ofEvent(String name) {
            for (Kind kind : values()) {
                if (kind.event.equals(name)) {
                    return java.util.Optional.of(kind);
                }
            }
            return java.util.Optional.empty();
        }

        String headline() {
            return headline;
        }
    }

    /** @throws NullPointerException naming the missing field */
    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(link, "link: pass Optional.empty() when there is no link");
        Objects.requireNonNull(time, "time");
    }

    /** One line for people, e.g. {@code Rollback FAILED in production: payments-api 1.4.2 (release 42). <message>}. */
    String summary() {
        return kind.headline() + " in " + environment + ": " + artifact + " " + version + " (release " + releaseId + "). "
                + message;
    }
}
