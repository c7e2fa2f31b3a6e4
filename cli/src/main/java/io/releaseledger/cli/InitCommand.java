package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.config.ReleaseLedgerYaml;
import io.releaseledger.config.ReleaseLedgerFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code init}: writes a commented {@code release-ledger.yaml} to start from. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented release-ledger.yaml (dev, staging, production) to edit.",
        footerHeading = "%nExample:%n",
        footer = {"  release-ledger init", "  release-ledger init --config deploy/release-ledger.yaml --force"})
final class InitCommand extends BaseCommand {

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    int run(Context ctx) throws IOException {
        Path target = ctx.workingDirectory().resolve(common.config != null ? common.config : Path.of(Context.DEFAULT_CONFIG));
        if (Files.exists(target) && !force) {
            throw new InvalidInputException("--config", target.toString(),
                    "the file already exists; edit it, or add --force to replace it with the template");
        }
        String template = template();
        ReleaseLedgerFile parsed = ReleaseLedgerYaml.parse(template, target.toString()); // the template is valid by construction
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Files.writeString(target, template, StandardCharsets.UTF_8);
        if (ctx.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", target.toString());
            m.put("environments", parsed.environments().names());
            ctx.output().json(io.releaseledger.json.CanonicalJson.object(m));
        } else {
            ctx.output().result("wrote " + target + " with environments " + String.join(", ", parsed.environments().names()));
            ctx.output().result("next: edit it, then  release-ledger register NAME VERSION FILE"
                    + "  and  release-ledger deploy dev NAME VERSION -- ./deploy.sh");
        }
        return ExitCode.OK;
    }

    static String template() throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream("release-ledger.yaml.template")) {
            if (in == null) {
                throw new IOException("the release-ledger.yaml template is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
