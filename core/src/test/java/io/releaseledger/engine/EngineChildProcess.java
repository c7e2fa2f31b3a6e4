package io.releaseledger.engine;

import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.DirectProbeRunner;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.LeaseOwner;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.PasswordSource;
import io.releaseledger.release.Release;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A separate JVM running one deploy, so a test can kill it with SIGKILL mid-way: with slow verification, or
 * ({@code block-body} in place of the health URL) with a body that never ends, holding the lease as this process.
 */
public final class EngineChildProcess {
    static final String OWNER = "engine-child";
    static final Actor ACTOR = new Actor("ci", "https://ci.example.com/job/payments/deploy/99/");

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LedgerConfig config = new LedgerConfig(args[0], args[1].equals("-") ? null : args[1],
                args[2].equals("-") ? new PasswordSource.None() : new PasswordSource.FromEnvironment(args[2]),
                2, Duration.ofSeconds(30));
        boolean blockBody = args[3].equals("block-body");
        try (Ledger ledger = Ledger.open(config)) {
            ReleaseEngine engine = ReleaseEngine.builder(ledger, environments(), new DirectProbeRunner(Clock.systemUTC()))
                    .owner(blockBody ? LeaseOwner.thisProcess(OWNER) : LeaseOwner.named(OWNER))
                    .listener(new EngineListener() {
                        @Override
                        public void moved(Release release) {
                            out.println("MOVED " + release.id() + " " + release.state());
                        }
                    })
                    .build();
            Release r = engine.deploy(new DeployRequest("staging", "payments-api", "1.0.0", ACTOR, null,
                    blockBody ? new VerificationPlan(List.of(), VerificationPolicy.DEFAULTS) : plan(args[3]), null, null),
                    d -> {
                        out.println("BODY " + d.mode() + " token=" + d.variables().get("RELEASE_LEASE_TOKEN"));
                        if (blockBody) {
                            Thread.sleep(Long.MAX_VALUE);
                        }
                    });
            out.println("DONE " + r.state());
        }
    }

    static EnvironmentConfig environments() {
        return new EnvironmentConfig(List.of(EnvironmentPolicy.builder("staging", 1).build()));
    }

    /** Ten healthy rounds a second apart: long enough to be killed in the middle. */
    static VerificationPlan plan(String healthUrl) {
        return new VerificationPlan(List.of(HttpCheck.of(healthUrl)), VerificationPolicy.DEFAULTS
                .withInterval(Duration.ofSeconds(1)).withThresholds(10, 2).withMaxDuration(Duration.ofMinutes(1)));
    }
}
