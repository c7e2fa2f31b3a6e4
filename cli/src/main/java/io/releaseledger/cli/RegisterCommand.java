package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.artifact.FileDigest;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.Ledger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code register}: records an artifact version by its content digest, once. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Record an artifact version by content digest. The digest of FILE is computed by streaming it"
                + " (constant memory); or give a container image by digest, or a digest computed elsewhere.",
                "A version is immutable: registering it again with the same digest changes nothing, with another"
                        + " digest is refused."},
        footerHeading = "%nExamples:%n",
        footer = {"  release-ledger register payments-api 1.4.2 target/payments-api.jar",
                "  release-ledger register payments-api 1.4.2 \\",
                "      --image registry.example.com/payments-api@sha256:<64 hex>",
                "  release-ledger register payments-api 1.4.2 --digest sha256:<64 hex> \\",
                "      --location s3://bucket/app.tgz"})
final class RegisterCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Artifact name, e.g. payments-api.")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION", description = "Version, e.g. 1.4.2.")
    String version;

    @Parameters(index = "2", arity = "0..1", paramLabel = "FILE", description = "The file to digest (SHA-256).")
    Path file;

    /** Instead of a file. */
    static final class Other {
        @Option(names = "--image", paramLabel = "REPO@sha256:HEX", description = "A container image by digest.")
        String image;

        @Option(names = "--digest", paramLabel = "sha256:HEX", description = "A digest computed elsewhere.")
        String digest;
    }

    @ArgGroup(exclusive = true)
    Other other;

    @Option(names = "--location", paramLabel = "WHERE",
            description = "Where deploys fetch it from (RELEASE_ARTIFACT_LOCATION); default: the file's path or the image.")
    String location;

    @Option(names = "--revision", paramLabel = "REV", description = "The source revision it was built from.")
    String revision;

    @Option(names = "--as", paramLabel = "USER", description = "Who registers it (default: your user name).")
    String as;

    @Override
    int run(Context ctx) throws IOException {
        ArtifactRegistration.validName(name);
        ArtifactRegistration.validVersion(version);
        ArtifactKind kind;
        Digest digest;
        String where = location;
        int given = (file != null ? 1 : 0) + (other != null ? 1 : 0);
        if (given != 1) {
            throw InvalidInputException.withoutValue("FILE", "give exactly one of FILE, --image REPO@sha256:HEX or"
                    + " --digest sha256:HEX");
        }
        if (file != null) {
            Path path = ctx.workingDirectory().resolve(file);
            digest = sha256(path);
            kind = ArtifactKind.FILE;
            where = where != null ? where : path.toAbsolutePath().normalize().toString();
        } else if (other.image != null) {
            int at = other.image.indexOf('@');
            if (at <= 0) {
                throw new InvalidInputException("--image", other.image,
                        "give the image by digest, REPOSITORY@sha256:HEX (a tag can move; a digest cannot)");
            }
            try {
                digest = Digest.of(other.image.substring(at + 1));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--image", other.image, "after @ comes the image digest: " + e.getMessage());
            }
            kind = ArtifactKind.CONTAINER_IMAGE;
            where = where != null ? where : other.image;
        } else {
            digest = Digest.of(other.digest);
            kind = ArtifactKind.OTHER;
        }
        Ledger ledger = ctx.ledger();
        ctx.settleLostOwners(ctx.actor(as));
        Optional<Artifact> before = ledger.artifact(name, version);
        Artifact artifact = ledger.registerArtifact(new ArtifactRegistration(name, version, digest, kind, where,
                new ArtifactSource(null, null, revision)), ctx.actor(as));
        boolean unchanged = before.isPresent();
        if (ctx.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("artifact", artifact.name());
            m.put("version", artifact.version());
            m.put("digest", artifact.digest().value());
            m.put("kind", artifact.kind().name());
            m.put("location", artifact.location());
            m.put("registeredBy", artifact.registeredBy());
            m.put("registeredAt", Render.time(artifact.registeredAt()));
            m.put("alreadyRegistered", unchanged);
            ctx.output().json(CanonicalJson.object(m));
        } else {
            ctx.output().result((unchanged ? "already registered (same digest, nothing changed): " : "registered ")
                    + artifact.coordinates() + " " + artifact.digest().value() + " ("
                    + artifact.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        }
        return ExitCode.OK;
    }

    /** Streams the file through SHA-256 with a fixed buffer: memory does not grow with the file. */
    static Digest sha256(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new InvalidInputException("FILE", path.toString(), "it is a directory; give the built artifact file"
                    + " (archive a directory first, e.g. tar, and register the archive)");
        }
        try {
            return FileDigest.sha256(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("FILE", path.toString(), "the file does not exist; give the built artifact's path");
        }
    }
}
