package io.releaseledger.artifact;

import io.releaseledger.Inputs;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to record an artifact: everything but the who and when, which the ledger adds.
 * Validated on construction, so an invalid registration never reaches the store.
 */
public record ArtifactRegistration(String name, String version, Digest digest, ArtifactKind kind,
                                   String location, ArtifactSource source) {
    /** Artifact names: the characters of package and image names (with '/' for image paths). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/@+-]*");
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    static final int MAX_NAME = 200;
    static final int MAX_VERSION = 128;

    public ArtifactRegistration {
        name = validName(name);
        version = validVersion(version);
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(kind, "kind");
        Inputs.text("location", location, 2000);
        source = source == null ? ArtifactSource.NONE : source;
    }

    /** Checks an artifact name, as typed anywhere (register, deploy, query). */
    public static String validName(String name) {
        return Inputs.name("artifact name", name, MAX_NAME, NAME,
                "use ASCII letters, digits and . _ / @ + - (starting with a letter or digit; no accents, as in"
                        + " package and image names),"
                        + " e.g. payments-api or registry.example.com/team/app");
    }

    /** Checks a version, as typed anywhere. */
    public static String validVersion(String version) {
        return Inputs.name("artifact version", version, MAX_VERSION, VERSION,
                "use ASCII letters, digits and . _ + - (starting with a letter or digit; no accents),"
                        + " e.g. 1.4.2 or 2026.11.29-3");
    }
}
