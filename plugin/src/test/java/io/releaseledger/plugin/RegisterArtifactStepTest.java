package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.testing.TestStore;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RegisterArtifactStepTest {
    /** sha256 of the five bytes "hello". */
    private static final String HELLO = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final String IMAGE = "registry.example.com/team/payments-api@" + HELLO;
    private static final ArtifactSource SOURCE = new ArtifactSource("team-a/payments", "team-a/payments#42", "abc123");
    private static final Actor BUILD = new Actor("team-a/payments#42", "team-a/payments#42");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static RegisterArtifactStep step(String file, String image, String digest) {
        RegisterArtifactStep step = new RegisterArtifactStep("payments-api", "1.4.2");
        step.setFile(file);
        step.setImage(image);
        step.setDigest(digest);
        return step;
    }

    @Test
    public void aFileIsRecordedByTheDigestTakenOnTheAgentAtItsWorkspacePath() throws Exception {
        ArtifactRegistration registration = step("target/payments-api.jar", null, null)
                .registration(Digest.of(HELLO), SOURCE);
        assertEquals(new ArtifactRegistration("payments-api", "1.4.2", Digest.of(HELLO), ArtifactKind.FILE,
                "target/payments-api.jar", SOURCE), registration);
    }

    @Test
    public void anImageIsRecordedByTheDigestItIsPinnedTo() throws Exception {
        ArtifactRegistration registration = step(null, IMAGE, null).registration(null, SOURCE);
        assertEquals(ArtifactKind.CONTAINER_IMAGE, registration.kind());
        assertEquals(Digest.of(HELLO), registration.digest());
        assertEquals(IMAGE, registration.location());
    }

    @Test
    public void aGivenDigestIsRecordedAsIs() throws Exception {
        ArtifactRegistration registration = step(null, null, HELLO).registration(null, SOURCE);
        assertEquals(ArtifactKind.OTHER, registration.kind());
        assertNull(registration.location());
        assertEquals(SOURCE, registration.source());
    }

    @Test
    public void exactlyOneOfFileImageAndDigest() {
        AbortException none = assertThrows(AbortException.class, () -> step(null, " ", "").check());
        assertEquals("registerArtifact: give exactly one of file:, image: or digest: (none was given)", none.getMessage());
        AbortException several = assertThrows(AbortException.class, () -> step("a.jar", null, HELLO).check());
        assertTrue(several.getMessage(), several.getMessage().contains("several were given"));
    }

    @Test
    public void userErrorsAreOneLineNamingTheParameter() {
        AbortException tag = assertThrows(AbortException.class,
                () -> step(null, "registry.example.com/payments-api:1.4.2", null).check());
        assertTrue(tag.getMessage(), tag.getMessage().startsWith("registerArtifact: image 'registry.example.com/payments-api:1.4.2' is not pinned by digest"));
        AbortException upper = assertThrows(AbortException.class, () -> step(null, null, HELLO.toUpperCase()).check());
        assertTrue(upper.getMessage(), upper.getMessage().startsWith("registerArtifact: digest: "));
        AbortException name = assertThrows(AbortException.class,
                () -> new RegisterArtifactStep("payments api", "1.4.2").check());
        assertTrue(name.getMessage(), name.getMessage().startsWith("registerArtifact: artifact name"));
        AbortException version = assertThrows(AbortException.class,
                () -> new RegisterArtifactStep("payments-api", null).check());
        assertTrue(version.getMessage(), version.getMessage().startsWith("registerArtifact: artifact version"));
        for (AbortException e : List.of(tag, upper, name, version)) {
            assertTrue(e.getMessage(), !e.getMessage().contains("\n"));
        }
    }

    @Test
    public void theAgentSideCallableHashesTheFile() throws Exception {
        File file = tmp.newFile("payments-api.jar");
        Files.writeString(file.toPath(), "hello", StandardCharsets.US_ASCII);
        assertEquals(HELLO, new Sha256OnAgent("target/payments-api.jar").invoke(file, null));
    }

    @Test
    public void aMissingFileIsTheAuthorsToFix() {
        File missing = new File(tmp.getRoot(), "target/nope.jar");
        AbortException e = assertThrows(AbortException.class, () -> new Sha256OnAgent("target/nope.jar").invoke(missing, null));
        assertTrue(e.getMessage(), e.getMessage().startsWith("registerArtifact: file 'target/nope.jar' is not a file in the workspace"));
        assertTrue(e.getMessage(), e.getMessage().contains("does not exist"));
        AbortException dir = assertThrows(AbortException.class, () -> new Sha256OnAgent("target").invoke(tmp.getRoot(), null));
        assertTrue(dir.getMessage(), dir.getMessage().contains("is a directory"));
    }

    @Test
    public void registeringRecordsOnceAndReturnsTheCoordinates() throws Exception {
        try (TestStore store = TestStore.h2(); Ledger ledger = Ledger.open(store.config())) {
            ArtifactRegistration registration = step(null, IMAGE, null).registration(null, SOURCE);
            Artifact first = RegisterArtifactStep.register(ledger, registration, BUILD);
            assertEquals(SOURCE, first.source());
            assertEquals(Map.of("name", "payments-api", "version", "1.4.2", "digest", HELLO, "kind", "image",
                    "location", IMAGE), RegisterArtifactStep.result(first));
            assertEquals(List.of("name", "version", "digest", "kind", "location"),
                    List.copyOf(RegisterArtifactStep.result(first).keySet()));

            Artifact again = RegisterArtifactStep.register(ledger, registration, BUILD);
            // The same digest again is a no-op: the first registration stands. (Compared without registeredAt, which
            // core returns at full precision on the first call and at the store's millisecond precision after.)
            assertEquals(RegisterArtifactStep.result(first), RegisterArtifactStep.result(again));
            assertEquals(first.registeredBy(), again.registeredBy());
            assertEquals(first.registeredAt().toEpochMilli(), again.registeredAt().toEpochMilli());

            String other = "sha256:" + "0".repeat(64);
            AbortException refused = assertThrows(AbortException.class, () -> RegisterArtifactStep.register(ledger,
                    step(null, null, other).registration(null, SOURCE), BUILD));
            assertTrue(refused.getMessage(), refused.getMessage().startsWith("registerArtifact: payments-api 1.4.2 is already registered with digest " + HELLO));
            assertTrue(refused.getMessage(), refused.getMessage().contains("team-a/payments#42"));
        }
    }

    @Test
    public void kindsAreNamedForPipelineAuthors() {
        assertEquals("file", RegisterArtifactStep.kindName(ArtifactKind.FILE));
        assertEquals("image", RegisterArtifactStep.kindName(ArtifactKind.CONTAINER_IMAGE));
        assertEquals("other", RegisterArtifactStep.kindName(ArtifactKind.OTHER));
    }

    @Test
    public void theDescriptorNamesTheStepAndNeedsNoWorkspaceForImagesAndDigests() {
        RegisterArtifactStep.DescriptorImpl descriptor = new RegisterArtifactStep.DescriptorImpl();
        assertEquals("registerArtifact", descriptor.getFunctionName());
        assertEquals(Set.of(Run.class, TaskListener.class), descriptor.getRequiredContext());
        assertTrue(!descriptor.getRequiredContext().contains(FilePath.class));
    }
}
