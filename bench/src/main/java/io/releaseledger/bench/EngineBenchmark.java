package io.releaseledger.bench;

import io.releaseledger.engine.DeployRequest;
import io.releaseledger.engine.ReleaseEngine;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the engine itself costs around a deployment: one deploy-and-verify on the embedded H2 ledger
 * with a deploy body that does nothing and one health check whose probe answers HEALTHY at once, on
 * the real clock. Everything measured is the engine's: promotion rules, the ledger transactions, the
 * lease, the recorded sample.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class EngineBenchmark {
    private static final Actor CI = new Actor("alice", "https://ci.example.com/job/payments/deploy/1/");

    private BenchStore db;
    private Ledger ledger;
    private ReleaseEngine engine;
    private DeployRequest request;

    @Setup(Level.Trial)
    public void open() {
        db = BenchStore.fresh(BenchStore.H2);
        ledger = Ledger.open(db.config());
        // The probe never leaves the JVM: the check's URL is only its name.
        HealthProbeRunner instant = check -> new HealthSample(check.name(), HealthSample.Outcome.HEALTHY,
                Instant.now(), Duration.ZERO, "healthy", null, null, 0);
        engine = ReleaseEngine.builder(ledger,
                        new EnvironmentConfig(List.of(EnvironmentPolicy.builder(Seeder.PRODUCTION, 0).build())), instant)
                .owner("bench")
                .build();
        engine.defineEnvironments(CI);
        ledger.registerArtifact(Seeder.artifact(Seeder.version(1)), CI);
        // One healthy sample decides: the verification's own waits are zero.
        VerificationPolicy once = VerificationPolicy.DEFAULTS.withInterval(Duration.ofMillis(1)).withThresholds(1, 1);
        request = new DeployRequest(Seeder.PRODUCTION, "payments-api", Seeder.version(1), CI, "payments/deploy",
                new VerificationPlan(List.of(HttpCheck.of("http://127.0.0.1:9/health")), once), null, null);
    }

    @TearDown(Level.Trial)
    public void close() {
        ledger.close();
        db.close();
    }

    @Benchmark
    public Release deployAndVerify() throws InterruptedException {
        Release r = engine.deploy(request, deployment -> { });
        if (r.state() != ReleaseState.LIVE) {
            throw new IllegalStateException("the benchmark deploy did not go live: " + r);
        }
        return r;
    }
}
