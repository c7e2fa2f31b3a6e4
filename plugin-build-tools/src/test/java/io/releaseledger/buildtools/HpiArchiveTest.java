package io.releaseledger.buildtools;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HpiArchiveTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theHpiCarriesThePluginJarsManifestThenTheJarsInWebInfLibInNameOrder() throws Exception {
        Path plugin = jar("demo.jar", "demo");
        Path hpi = folder.getRoot().toPath().resolve("out/demo.hpi");
        HpiArchive.write(plugin, List.of(jar("zeta-1.0.jar", null), jar("alpha-2.0.jar", null)), hpi,
                HpiArchive.time("2026-11-29T00:00:00Z"));

        List<String> names = new ArrayList<>();
        try (JarFile archive = new JarFile(hpi.toFile())) {
            for (JarEntry e : Collections.list(archive.entries())) names.add(e.getName());
            assertEquals("demo", archive.getManifest().getMainAttributes().getValue("Short-Name"));
            try (JarFile inner = new JarFile(plugin.toFile())) {
                assertArrayEquals("the same manifest, byte for byte",
                        inner.getInputStream(inner.getEntry(JarFile.MANIFEST_NAME)).readAllBytes(),
                        archive.getInputStream(archive.getEntry(JarFile.MANIFEST_NAME)).readAllBytes());
            }
        }
        assertEquals(List.of("META-INF/", "META-INF/MANIFEST.MF", "WEB-INF/", "WEB-INF/lib/",
                "WEB-INF/lib/alpha-2.0.jar", "WEB-INF/lib/demo.jar", "WEB-INF/lib/zeta-1.0.jar"), names);
    }

    @Test
    public void theSameInputsGiveTheSameBytesWhateverTheTimeZone() throws Exception {
        Path plugin = jar("demo.jar", "demo");
        List<Path> lib = List.of(jar("alpha-2.0.jar", null));
        Path first = folder.getRoot().toPath().resolve("first.hpi");
        Path second = folder.getRoot().toPath().resolve("second.hpi");
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
            HpiArchive.write(plugin, lib, first, HpiArchive.time("2026-11-29T00:00:00Z"));
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Auckland"));
            HpiArchive.write(plugin, lib, second, HpiArchive.time("2026-11-29T13:00:00+13:00"));
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    public void aClassesFolderInsteadOfAJarIsRefusedWithTheFix() throws Exception {
        Path classes = folder.newFolder("classes").toPath();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HpiArchive.write(
                jar("demo.jar", "demo"), List.of(classes), folder.getRoot().toPath().resolve("x.hpi"),
                HpiArchive.time("2026-11-29T00:00:00Z")));
        assertTrue(e.getMessage(), e.getMessage().contains("is not a jar file: package the modules it comes from first"));
    }

    private Path jar(String name, String shortName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (shortName != null) manifest.getMainAttributes().putValue("Short-Name", shortName);
        Path path = folder.getRoot().toPath().resolve(name);
        try (OutputStream file = Files.newOutputStream(path); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(name + ".txt"));
            out.write(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return path;
    }
}
