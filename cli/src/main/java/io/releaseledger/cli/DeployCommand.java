package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.engine.DeployRequest;
import io.releaseledger.promotion.EmergencyOverride;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deploy}: the whole engine flow for one registered version in one environment. */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deploy a registered version to an environment: promotion rules, approvals (waits for them),"
                + " the environment's lease (waits for it), your deploy COMMAND, health verification, and on failure"
                + " the automatic rollback to the last known-good release.",
                "COMMAND runs with RELEASE_ENVIRONMENT, RELEASE_ID, RELEASE_ARTIFACT_NAME, RELEASE_ARTIFACT_VERSION,"
                        + " RELEASE_ARTIFACT_DIGEST, RELEASE_ARTIFACT_LOCATION, RELEASE_MODE (deploy or rollback) and"
                        + " the environment's credentials; its output is shown with every secret masked. For a rollback"
                        + " the same COMMAND runs again with the known-good artifact.",
                "Exit: 0 LIVE, 3 refused or not approved, 4 unhealthy/failed (rolled back), 5 rollback failed."},
        footerHeading = "%nExamples:%n",
        footer = {"  release-ledger deploy staging payments-api 1.4.2 \\",
                "      --http-check https://staging.example.com/health --expect-status 2xx \\",
                "      --prometheus https://prom.example.com \\",
                "          --query 'sum(rate(errors_total[1m]))' --condition '< 0.5' \\",
                "      --interval 10s --success-threshold 3 --failure-threshold 2 \\",
                "      --bake-time 2m --max-duration 5m \\",
                "      -- ./deploy.sh",
                "  release-ledger deploy production payments-api 1.4.2 \\",
                "      --override-freeze 'INC-1234 hotfix' -- ./deploy.sh"})
final class DeployCommand extends ReleaseCommand {

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment, as in release-ledger.yaml.")
    String environment;

    @Parameters(index = "1", paramLabel = "ARTIFACT", description = "A registered artifact name.")
    String artifact;

    @Parameters(index = "2", paramLabel = "VERSION", description = "A registered version of it.")
    String version;

    @Parameters(index = "3..*", paramLabel = "COMMAND", description = "After --: your deploy command and its arguments.")
    List<String> command;

    @Option(names = "--override-freeze", paramLabel = "REASON",
            description = "Deploy through a freeze window; the reason (e.g. an incident number) is recorded.")
    String overrideFreeze;

    @Override
    int run(Context ctx) throws Exception {
        ArtifactRegistration.validName(artifact);
        ArtifactRegistration.validVersion(version);
        if (overrideFreeze != null && overrideFreeze.isBlank()) {
            throw new InvalidInputException("--override-freeze", overrideFreeze, "give the reason the deploy cannot"
                    + " wait, e.g. --override-freeze 'INC-1234 payment outage'; it is recorded with the release and"
                    + " shown wherever the release is");
        }
        return drive(ctx, environment, command, (engine, actor, plan, action) -> engine.deploy(
                new DeployRequest(environment, artifact, version, actor, null, plan, null,
                        overrideFreeze == null ? null : new EmergencyOverride(actor.name(), overrideFreeze)), action));
    }
}
