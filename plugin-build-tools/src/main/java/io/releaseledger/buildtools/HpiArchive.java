package io.releaseledger.buildtools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a Jenkins plugin archive ({@code .hpi}) as maven-hpi-plugin lays one out: {@code META-INF/MANIFEST.MF}, the
 * very manifest of the plugin's jar, then {@code WEB-INF/lib/} holding the plugin's jar and the jars of its runtime
 * class path. Entries are written in a fixed order with one fixed time, so the same inputs give the same bytes.
 *
 * <p>Usage: {@code HpiArchive <plugin jar> <runtime class path file> <output .hpi> <output timestamp>}, where the
 * class path file is what {@code dependency:build-classpath} writes (jars separated by the path separator) and the
 * timestamp is {@code project.build.outputTimestamp} (ISO-8601, e.g. {@code 2026-11-29T00:00:00Z}).
 */
public final class HpiArchive {
    private HpiArchive() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: HpiArchive <plugin jar> <runtime class path file> <output .hpi> "
                    + "<output timestamp>; got " + args.length + " argument(s)");
        }
        Path pluginJar = Path.of(args[0]);
        List<Path> libraries = classPath(Path.of(args[1]));
        write(pluginJar, libraries, Path.of(args[2]), time(args[3]));
    }

    /** Writes {@code hpi}: the plugin jar's manifest, then the plugin jar and {@code libraries} in WEB-INF/lib. */
    static void write(Path pluginJar, List<Path> libraries, Path hpi, LocalDateTime time) throws IOException {
        byte[] manifest = manifestOf(pluginJar);
        Map<String, Path> lib = new TreeMap<>();
        for (Path jar : libraries) add(lib, jar);
        add(lib, pluginJar);
        Files.createDirectories(hpi.toAbsolutePath().getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(hpi))) {
            directory(out, "META-INF/", time);
            file(out, JarFile.MANIFEST_NAME, manifest, time);
            directory(out, "WEB-INF/", time);
            directory(out, "WEB-INF/lib/", time);
            for (Map.Entry<String, Path> jar : lib.entrySet()) {
                file(out, "WEB-INF/lib/" + jar.getKey(), Files.readAllBytes(jar.getValue()), time);
            }
        }
    }

    private static void add(Map<String, Path> lib, Path jar) {
        if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
            throw new IllegalArgumentException(jar + " is not a jar file: package the modules it comes from first "
                    + "(the .hpi is made in the package phase, after every jar it bundles)");
        }
        Path clash = lib.putIfAbsent(jar.getFileName().toString(), jar);
        if (clash != null && !clash.equals(jar)) {
            throw new IllegalArgumentException("two jars would both be WEB-INF/lib/" + jar.getFileName() + ": " + clash
                    + " and " + jar + "; rename one or leave one out of the runtime class path");
        }
    }

    private static byte[] manifestOf(Path pluginJar) throws IOException {
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            ZipEntry entry = jar.getEntry(JarFile.MANIFEST_NAME);
            if (entry == null) throw new IllegalArgumentException(pluginJar + " has no " + JarFile.MANIFEST_NAME);
            try (InputStream in = jar.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    static List<Path> classPath(Path file) throws IOException {
        List<Path> jars = new ArrayList<>();
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return jars;
        for (String entry : text.split(java.io.File.pathSeparator)) jars.add(Path.of(entry));
        return jars;
    }

    static LocalDateTime time(String outputTimestamp) {
        try {
            return OffsetDateTime.parse(outputTimestamp).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("output timestamp '" + outputTimestamp + "' is not an ISO-8601 date-time "
                    + "with offset; set project.build.outputTimestamp like 2026-11-29T00:00:00Z", e);
        }
    }

    private static void directory(ZipOutputStream out, String name, LocalDateTime time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        out.putNextEntry(entry);
        out.closeEntry();
    }

    private static void file(ZipOutputStream out, String name, byte[] content, LocalDateTime time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);   // no time-zone conversion and no extra time fields: the same bytes anywhere
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }
}
