package io.releaseledger;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.releaseledger.testing.ModuleArchitecture;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Core's public API is what the hosts (web, cli, plugin, bench) use; every other type is package-private, or public in
 * {@code io.releaseledger.internal} where several core packages share it (docs/architecture.md, "Public API of core").
 * The list below is every public type, top-level and nested, so making a type public, or taking it out of the API, is
 * a change to this list that a reviewer sees.
 */
public class PublicApiTest {

    /** Every public type of core's main classes, as {@code package.Outer.Inner}. */
    private static final Set<String> PUBLIC_API = Stream.of(
            in("io.releaseledger", "Durations", "HttpClients", "Inputs", "Inputs.Refusal",
                    "InvalidDurationException", "InvalidInputException"),
            in("io.releaseledger.approval", "ApprovalClosedException", "ApprovalDecision", "ApprovalRequest",
                    "ApprovalStatus", "ApprovalStatus.Approved", "ApprovalStatus.Pending", "ApprovalStatus.Rejected",
                    "ApprovalStatus.TimedOut", "Decision", "NotAnApproverException"),
            in("io.releaseledger.artifact", "Artifact", "ArtifactAlreadyRegisteredException", "ArtifactKind",
                    "ArtifactRegistration", "ArtifactSource", "Digest", "FileDigest"),
            in("io.releaseledger.config", "LedgerSettings", "ReleaseLedgerFile", "ReleaseLedgerYaml"),
            in("io.releaseledger.engine", "DeployAction", "DeployRequest", "Deployment", "EngineListener",
                    "ReleaseApprovals", "ReleaseEngine", "ReleaseEngine.Builder", "ReleaseRun", "ReleaseRun.Checkpoint",
                    "ReleaseRun.Terms", "ReleaseRules", "RollbackRequest", "RunHost", "RunHost.Body", "RunHost.Timer",
                    "RunListener"),
            in("io.releaseledger.environment", "ApprovalOverride", "ApprovalPolicy", "Approver", "Approver.Group",
                    "Approver.User", "CredentialBinding", "CronSchedule", "EnvironmentConfig", "EnvironmentPolicy",
                    "EnvironmentPolicy.Builder", "FreezeWindow", "FreezeWindow.Absolute", "FreezeWindow.Recurring",
                    "InconclusiveOutcome", "InvalidPolicyException", "JobPattern", "PolicyDurations",
                    "PolicyWeakenedException", "PolicyYaml", "UnknownEnvironmentException", "UserIdMatching",
                    "YamlTree", "YamlTree.Item"),
            in("io.releaseledger.health", "BodyExpectation", "BodyExpectation.JsonPointerEquals",
                    "BodyExpectation.Matches", "CommandCheck", "Condition", "DirectProbeRunner",
                    "HealthCheck", "HealthProbeRunner", "HealthSample", "HealthSample.Outcome", "HttpCheck",
                    "HttpCredentials", "HttpCredentials.Basic", "HttpCredentials.Bearer", "PrometheusCheck",
                    "SecretResolver", "Sleeper", "StatusSet", "Verdict", "Verification", "Verification.Concluded",
                    "Verification.Continue", "Verification.Decision", "Verification.Step", "VerificationPlan",
                    "VerificationPolicy", "Verifier"),
            in("io.releaseledger.json", "CanonicalJson"),
            // Public for core's own packages, not for hosts (package-info of io.releaseledger.internal).
            in("io.releaseledger.internal", "Backoff", "JsonTrees", "JsonTrees.MalformedJsonException"),
            in("io.releaseledger.ledger", "Actor", "Approval", "ChainVerification", "ClockSkew", "EnvironmentStatus",
                    "EventType", "HistoryFilter", "HistoryPage", "Lease", "LeaseAttempt", "LeaseAttempt.Acquired",
                    "LeaseAttempt.Waiting", "LeaseLostException", "LeaseOwner", "LeaseTerms", "Ledger", "LedgerConfig",
                    "LedgerEvent", "LedgerUnavailableException", "PasswordSource", "PasswordSource.FromEnvironment",
                    "PasswordSource.FromFile", "PasswordSource.None", "PasswordSource.Supplied", "ProcessIdentity",
                    "ReleaseRequest", "ReleaseTimeline", "SampleRecord", "Transition"),
            in("io.releaseledger.notes", "ReleaseNotes", "ReleaseNotes.Change", "ReleaseNotes.ScmChanges"),
            in("io.releaseledger.notify", "Notification", "Notification.Kind", "Notifier",
                    "WebhookConfigurationException", "WebhookNotifier", "WebhookNotifier.Builder", "WebhookTarget",
                    "WebhookTarget.Header"),
            in("io.releaseledger.promotion", "EmergencyOverride", "FreezeOverride", "PromotionClearance",
                    "PromotionKind", "PromotionRefusedException", "PromotionRefusedException.Rule", "PromotionRequest",
                    "PromotionRules"),
            in("io.releaseledger.release", "IllegalTransitionException", "Release", "Release.LostOwner", "ReleaseMode",
                    "ReleasePlan", "ReleaseState", "StaleReleaseStateException"),
            in("io.releaseledger.secrets", "MaskingOutputStream", "SecretBinding", "SecretMask", "SecretReference",
                    "SecretReference.Kind", "SecretTooShortException"))
            .flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));

    @Test
    public void corePublicTypesAreExactlyTheListedApi() {
        assertPublicApi(ModuleArchitecture.mainClassesBeside(Inputs.class), PUBLIC_API);
    }

    @Test
    public void aTypeMadePublicWithoutBeingListedIsRefused() {
        Set<String> withoutOne = new TreeSet<>(PUBLIC_API);
        withoutOne.remove("io.releaseledger.engine.ReleaseRules");
        AssertionError refused = null;
        try {
            assertPublicApi(ModuleArchitecture.mainClassesBeside(Inputs.class), withoutOne);
        } catch (AssertionError e) {
            refused = e;
        }
        assertTrue("expected a refusal naming io.releaseledger.engine.ReleaseRules, got " + refused,
                refused != null && refused.getMessage().matches("(?s).*made public: \\[[^]]*io\\.releaseledger\\.engine\\.ReleaseRules[],].*"));
    }

    /**
     * Fails, naming each type, when the public types of {@code classes} differ from {@code expected}: a nested type
     * counts when it and every type around it is public (or protected, which a host may use by subclassing).
     */
    static void assertPublicApi(JavaClasses classes, Set<String> expected) {
        Set<String> actual = new TreeSet<>();
        for (JavaClass c : classes) {
            if (c.isAnonymousClass() || c.isLocalClass() || c.getSimpleName().equals("package-info")) continue;
            if (isApi(c)) actual.add(c.getFullName().replace('$', '.'));
        }
        Set<String> added = new TreeSet<>(actual);
        added.removeAll(expected);
        Set<String> removed = new TreeSet<>(expected);
        removed.removeAll(actual);
        if (!added.isEmpty() || !removed.isEmpty()) {
            fail("core's public API changed (docs/architecture.md, \"Public API of core\")."
                    + (added.isEmpty() ? "" : " made public: " + added + ": if a host (web, cli, plugin, bench) needs it, "
                            + "add it to PublicApiTest.PUBLIC_API and to the docs; otherwise make it package-private.")
                    + (removed.isEmpty() ? "" : " no longer public: " + removed + ": remove it from "
                            + "PublicApiTest.PUBLIC_API and from the docs, after checking no host uses it."));
        }
    }

    private static boolean isApi(JavaClass c) {
        for (JavaClass t = c; t != null; t = t.getEnclosingClass().orElse(null)) {
            Set<JavaModifier> m = t.getModifiers();
            if (!m.contains(JavaModifier.PUBLIC) && !(t.isNestedClass() && m.contains(JavaModifier.PROTECTED))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> in(String pkg, String... types) {
        return Arrays.stream(types).map(t -> pkg + "." + t).collect(Collectors.toSet());
    }
}
