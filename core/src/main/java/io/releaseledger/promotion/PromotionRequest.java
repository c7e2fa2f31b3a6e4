package io.releaseledger.promotion;

import io.releaseledger.artifact.Digest;
import io.releaseledger.environment.EnvironmentPolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the promotion rules look at, as plain data.
 *
 * @param target the policy of the environment the digest is to enter
 * @param digest the artifact digest ({@code sha256:<64 hex>})
 * @param kind deploy or rollback to a known-good release
 * @param liveIn the environments this digest has reached LIVE in (as recorded in the ledger)
 * @param job the full name of the deploying Jenkins job, or {@code null} when deploying from the command line
 * @param now the current time
 * @param emergency an emergency override of freezes, or {@code null}
 */
public record PromotionRequest(EnvironmentPolicy target, String digest, PromotionKind kind, Set<String> liveIn,
                               String job, Instant now, EmergencyOverride emergency) {
    public PromotionRequest {
        Objects.requireNonNull(target, "target");
        Digest.of(digest); // refuses anything but sha256:<64 lower-case hex>
        Objects.requireNonNull(kind, "kind");
        liveIn = Set.copyOf(Objects.requireNonNull(liveIn, "liveIn"));
        Objects.requireNonNull(now, "now");
    }

    /** A new release of {@code digest} into {@code target}. */
    public static PromotionRequest deploy(EnvironmentPolicy target, String digest, Set<String> liveIn, String job, Instant now) {
        return new PromotionRequest(target, digest, PromotionKind.DEPLOY, liveIn, job, now, null);
    }

    /** Going back to {@code digest}, which must have been live in {@code target} before. */
    public static PromotionRequest rollback(EnvironmentPolicy target, String digest, Set<String> liveIn, String job, Instant now) {
        return new PromotionRequest(target, digest, PromotionKind.ROLLBACK_TO_KNOWN_GOOD, liveIn, job, now, null);
    }

    /** The same request with an emergency override of freezes. */
    public PromotionRequest withEmergency(EmergencyOverride override) {
        return new PromotionRequest(target, digest, kind, liveIn, job, now, Objects.requireNonNull(override, "override"));
    }
}
