package io.releaseledger.promotion;

import io.releaseledger.artifact.Digest;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.environment.FreezeWindow;
import io.releaseledger.environment.JobPattern;
import io.releaseledger.promotion.PromotionRefusedException.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a digest may enter an environment. Pure functions of their inputs; each refusal is a
 * {@link PromotionRefusedException} naming the rule, the environment and what would satisfy it.
 *
 * <ul>
 *   <li><b>Deployers</b>: when the environment lists allowed deployers, the deploying job's full name must
 *       match one. A rollback without a job (from the command line, e.g. while Jenkins is down) is allowed.</li>
 *   <li><b>Requires</b>: a deploy needs the digest to be live in every environment the target requires.</li>
 *   <li><b>Freezes</b>: a deploy is refused while a freeze window covers now, unless an emergency override
 *       with a reason is given; the override is returned for the ledger.</li>
 *   <li><b>Rollbacks</b> to a digest that was live in the environment before skip requires and freezes.</li>
 * </ul>
 */
public final class PromotionRules {
    private PromotionRules() {}

    /**
     * Applies every rule, deployers first, then requires, then freezes.
     *
     * @return the clearance, including any freeze override to record
     * @throws PromotionRefusedException when a rule refuses the promotion
     */
    public static PromotionClearance check(PromotionRequest request) {
        EnvironmentPolicy target = request.target();
        checkDeployer(target, request.job(), request.kind());
        return switch (request.kind()) {
            case ROLLBACK_TO_KNOWN_GOOD -> {
                if (!request.liveIn().contains(target.name())) {
                    throw new PromotionRefusedException(Rule.NOT_KNOWN_GOOD, target.name(),
                            "cannot roll " + target.name() + " back to " + (Digest.of(request.digest()).shortForm() + "…")
                                    + ": it was never live in " + target.name() + ", so it is not a known-good release there. "
                                    + "Roll back to a release that was live in " + target.name() + ", or deploy this one normally.");
                }
                yield new PromotionClearance(target.name(), request.digest(), request.kind(), Optional.empty());
            }
            case DEPLOY -> {
                checkRequires(target, request.digest(), request.liveIn());
                Optional<FreezeOverride> override = checkFreeze(target, request.now(), request.emergency());
                yield new PromotionClearance(target.name(), request.digest(), request.kind(), override);
            }
        };
    }

    /**
     * The requires rule: {@code digest} must be live in every environment {@code target} requires.
     *
     * @param liveIn the environments the digest has reached LIVE in
     * @throws PromotionRefusedException with {@link Rule#REQUIRES_NOT_MET}
     */
    static void checkRequires(EnvironmentPolicy target, String digest, Set<String> liveIn) {
        Digest.of(digest); // refuses anything but sha256:<64 lower-case hex>
        List<String> missing = target.requires().stream().filter(env -> !liveIn.contains(env)).toList();
        if (missing.isEmpty()) return;
        String where = String.join(" and ", missing);
        String liveNow = liveIn.isEmpty() ? "nowhere yet" : String.join(", ", liveIn.stream().sorted().toList());
        throw new PromotionRefusedException(Rule.REQUIRES_NOT_MET, target.name(),
                target.name() + " requires " + (Digest.of(digest).shortForm() + "…") + " to be live in " + where
                        + " first; it is live in: " + liveNow + ". Deploy it to " + where + " and let it verify.");
    }

    /**
     * The freeze rule for a deploy at {@code now}.
     *
     * @param emergency an emergency override, or {@code null}
     * @return the override to record when one let the deploy through a freeze; empty when no freeze is in force
     * @throws PromotionRefusedException with {@link Rule#FROZEN} when frozen and no override is given
     */
    static Optional<FreezeOverride> checkFreeze(EnvironmentPolicy target, Instant now, EmergencyOverride emergency) {
        FreezeWindow frozenBy = null;
        Instant until = null;
        for (FreezeWindow freeze : target.freezes()) {
            Optional<Instant> end = freeze.coveringUntil(now);
            if (end.isPresent() && (until == null || end.get().isAfter(until))) {
                frozenBy = freeze;
                until = end.get();
            }
        }
        if (frozenBy == null) return Optional.empty();
        if (emergency != null) {
            return Optional.of(new FreezeOverride(frozenBy.name(), until, emergency.by(), emergency.reason(), now));
        }
        throw new PromotionRefusedException(Rule.FROZEN, target.name(),
                target.name() + " is frozen by " + frozenBy.describe() + " until " + until.atZone(frozenBy.zone())
                        + ". Deploy after the freeze ends, or give an emergency override with a reason; "
                        + "rollbacks to a known-good release are allowed during a freeze.");
    }

    /**
     * The deployer rule.
     *
     * @param job the deploying job's full name, or {@code null} when deploying from the command line
     * @throws PromotionRefusedException with {@link Rule#DEPLOYER_NOT_ALLOWED}
     */
    static void checkDeployer(EnvironmentPolicy target, String job, PromotionKind kind) {
        if (target.allowedDeployers().isEmpty()) return;
        String patterns = String.join(", ", target.allowedDeployers().stream().map(JobPattern::glob).toList());
        if (job == null) {
            if (kind == PromotionKind.ROLLBACK_TO_KNOWN_GOOD) return;
            throw new PromotionRefusedException(Rule.DEPLOYER_NOT_ALLOWED, target.name(),
                    target.name() + " accepts deploys only from jobs matching " + patterns
                            + "; this deploy comes from no job (command line). Deploy from one of those jobs; "
                            + "rollbacks to a known-good release are allowed from the command line.");
        }
        if (target.allowsDeployer(job)) return;
        throw new PromotionRefusedException(Rule.DEPLOYER_NOT_ALLOWED, target.name(),
                target.name() + " accepts deploys only from jobs matching " + patterns + "; " + job
                        + " is not one of them. Deploy from a matching job, or ask an administrator to add this job to "
                        + target.name() + "'s allowedDeployers.");
    }
}
