package io.releaseledger.plugin;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import hudson.Extension;
import hudson.init.Initializer;
import hudson.init.Terminator;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.Symbol;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Opens the {@code target/release-ledger.hpi} that {@code package} made and checks what Jenkins relies on when it
 * installs and runs it: the manifests, the annotation indexes through which it finds the plugin's extensions,
 * symbols and start-up hooks, the bundled jars (nothing Jenkins provides, no stub), and class-file versions a
 * Java 17 Jenkins can load. Runs under failsafe, after package; a surefire run selected with {@code -Dtest} skips it.
 */
public class PluginHpiIT {
    /** Packages Jenkins (core and its libraries, Stapler, remoting, plugins) or the build owns: never bundled. */
    private static final List<String> NOT_BUNDLED = List.of("hudson/", "jenkins/", "org/kohsuke/", "org/jenkinsci/",
            "com/cloudbees/", "net/sf/json/", "org/slf4j/", "jakarta/servlet/", "javax/servlet/", "com/google/common/",
            "org/springframework/", "org/jvnet/",               // Spring Security, localizer, annotation-indexer: core's
            "net/java/sezpoz/", "io/releaseledger/buildtools/", // build-time tools
            "edu/umd/cs/findbugs/",                             // SpotBugs annotations: class-retention, build only
            "com/fasterxml/");                                  // Jackson: the jackson2-api plugin's

    /**
     * Libraries that come from a Jenkins library plugin instead of being bundled: a reference to the package from the
     * plugin or any bundled jar needs that plugin in Plugin-Dependencies (docs/architecture.md, "Libraries: shared or
     * bundled"). H2 and the PostgreSQL driver are not here on purpose: they are bundled.
     */
    private static final Map<String, String> LIBRARY_PLUGINS = Map.of("com/fasterxml/jackson/", "jackson2-api");

    /**
     * Exactly what WEB-INF/lib holds, by artifact: the plugin, the engine and its web face, and the ledger store's
     * libraries, which stay bundled (tested together, H2's file format and SQL tied to the schema; no library plugin
     * ships them at the versions used). A new runtime dependency fails here until it is decided and added.
     */
    private static final Set<String> BUNDLED = Set.of("release-ledger", "release-ledger-core", "release-ledger-web",
            "h2", "postgresql", "checker-qual", "HikariCP", "flyway-core", "flyway-database-postgresql",
            "flyway-database-cockroachdb", "snakeyaml-engine");

    /**
     * Which plugin owns a package the plugin's classes may refer to; Jenkins core packages are absent (they need no
     * Plugin-Dependencies entry). An {@code org/jenkinsci/plugins/} or {@code io/jenkins/plugins/} package that is
     * not here fails the check, so a new dependency is never used without being declared.
     */
    private static final Map<String, String> PLUGIN_PACKAGES = new LinkedHashMap<>();
    static {
        PLUGIN_PACKAGES.put("com/cloudbees/plugins/credentials/", "credentials");
        PLUGIN_PACKAGES.put("org/jenkinsci/plugins/plaincredentials/", "plain-credentials");
        PLUGIN_PACKAGES.put("org/jenkinsci/plugins/credentialsbinding/", "credentials-binding");
        PLUGIN_PACKAGES.put("org/jenkinsci/plugins/structs/", "structs");
        PLUGIN_PACKAGES.put("org/jenkinsci/plugins/workflow/steps/", "workflow-step-api");
        PLUGIN_PACKAGES.put("org/jenkinsci/plugins/workflow/support/", "workflow-support");
        PLUGIN_PACKAGES.put("org/jenkinsci/plugins/workflow/cps/", "workflow-cps");
        PLUGIN_PACKAGES.put("org/jenkinsci/plugins/workflow/job/", "workflow-job");
        PLUGIN_PACKAGES.put("org/jenkinsci/plugins/workflow/", "workflow-api");   // log, flow, graph, actions, …
        PLUGIN_PACKAGES.put("io/jenkins/plugins/ionicons/", "ionicons-api");
    }

    /** An icon class of the ionicons-api plugin, named in the code and views as text (no class reference). */
    private static final String IONICONS_ICON = "plugin-ionicons-api";

    private static Path hpi;
    private static Map<String, byte[]> lib;            // WEB-INF/lib/<name> -> bytes
    private static Path pluginJar;                     // WEB-INF/lib/release-ledger.jar, extracted

    @BeforeClass
    public static void openTheHpi() throws IOException {
        String path = System.getProperty("releaseLedger.hpi");
        assumeTrue("runs under failsafe, which sets releaseLedger.hpi to the packaged .hpi", path != null);
        hpi = Path.of(path);
        lib = new TreeMap<>();
        try (JarFile archive = new JarFile(hpi.toFile())) {
            for (JarEntry entry : Collections.list(archive.entries())) {
                if (entry.getName().startsWith("WEB-INF/lib/") && !entry.isDirectory()) {
                    try (InputStream in = archive.getInputStream(entry)) {
                        lib.put(entry.getName().substring("WEB-INF/lib/".length()), in.readAllBytes());
                    }
                }
            }
        }
        TemporaryFolder folder = new TemporaryFolder();
        folder.create();
        pluginJar = folder.getRoot().toPath().resolve("release-ledger.jar");
        assertNotNull("the .hpi has WEB-INF/lib/release-ledger.jar", lib.get("release-ledger.jar"));
        Files.write(pluginJar, lib.get("release-ledger.jar"));
    }

    @Test
    public void theHpiHoldsOnlyTheManifestAndTheJarsOfWebInfLib() throws IOException {
        List<String> others = new ArrayList<>();
        try (JarFile archive = new JarFile(hpi.toFile())) {
            for (JarEntry entry : Collections.list(archive.entries())) {
                String name = entry.getName();
                boolean expected = Set.of("META-INF/", "META-INF/MANIFEST.MF", "WEB-INF/", "WEB-INF/lib/").contains(name)
                        || name.startsWith("WEB-INF/lib/") && name.endsWith(".jar") && name.indexOf('/', 12) < 0;
                if (!expected) others.add(name);
            }
        }
        assertEquals("entries other than META-INF/MANIFEST.MF and WEB-INF/lib/*.jar", List.of(), others);
        Set<String> artifacts = new TreeSet<>();
        for (String jar : lib.keySet()) artifacts.add(jar.replaceFirst("(-\\d[^-]*(-SNAPSHOT)?)?\\.jar$", ""));
        assertEquals("WEB-INF/lib: " + lib.keySet(), new TreeSet<>(BUNDLED), artifacts);
        assertTrue("H2 2.x, whose file format and SQL the ledger's schema uses: " + lib.keySet(),
                lib.keySet().stream().anyMatch(n -> n.matches("h2-2\\.\\d+\\.\\d+\\.jar")));
    }

    @Test
    public void jacksonComesFromTheJackson2ApiPluginAndNoJarBundlesIt() throws IOException {
        boolean webUsesJackson = false;
        for (Map.Entry<String, byte[]> jar : lib.entrySet()) {
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar.getValue()))) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    assertFalse(jar.getKey() + " bundles " + entry.getName(), entry.getName().startsWith("com/fasterxml/"));
                    if (jar.getKey().startsWith("release-ledger-web-") && entry.getName().endsWith(".class")) {
                        webUsesJackson |= constantPoolStrings(in.readAllBytes()).stream().anyMatch(t -> t.contains("com/fasterxml/jackson/"));
                    }
                }
            }
        }
        assertTrue("web's JSON needs Jackson, so the dependency is real", webUsesJackson);
        String declared;
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            declared = jar.getManifest().getMainAttributes().getValue("Plugin-Dependencies");
        }
        assertTrue(declared, List.of(declared.split(",")).stream().anyMatch(d -> d.startsWith("jackson2-api:2.")));
    }

    @Test
    public void bothManifestsAreThePluginManifestJenkinsReads() throws IOException {
        Manifest outer;
        byte[] outerBytes;
        try (JarFile archive = new JarFile(hpi.toFile())) {
            outer = archive.getManifest();
            outerBytes = archive.getInputStream(archive.getEntry(JarFile.MANIFEST_NAME)).readAllBytes();
        }
        try (JarFile inner = new JarFile(pluginJar.toFile())) {
            assertArrayEquals("the .hpi and WEB-INF/lib/release-ledger.jar carry the same manifest", outerBytes,
                    inner.getInputStream(inner.getEntry(JarFile.MANIFEST_NAME)).readAllBytes());
            assertEquals(outer.getMainAttributes(), inner.getManifest().getMainAttributes());
        }
        Attributes main = outer.getMainAttributes();
        assertEquals("1.0", main.getValue("Manifest-Version"));
        assertEquals("io.releaseledger", main.getValue("Group-Id"));
        assertEquals("release-ledger", main.getValue("Artifact-Id"));
        assertEquals("release-ledger", main.getValue("Short-Name"));
        assertEquals("Release Ledger", main.getValue("Long-Name"));
        assertEquals(System.getProperty("releaseLedger.manifest.version"), main.getValue("Plugin-Version"));
        String jenkins = System.getProperty("releaseLedger.manifest.jenkinsVersion");
        assertEquals(jenkins, main.getValue("Jenkins-Version"));
        assertEquals("maven-hpi-plugin writes the same baseline as Hudson-Version", jenkins, main.getValue("Hudson-Version"));
        assertTrue("a Jenkins version: " + jenkins, jenkins.matches("2\\.\\d+(\\.\\d+)?"));
        // Jenkins' class filter (ClassFilterImpl.isPluginManifest): only such a jar may send its classes over remoting/XStream.
        assertTrue(main.getValue("Short-Name") != null
                && (main.getValue("Plugin-Version") != null || main.getValue("Jenkins-Version") != null));
        // maven-hpi-plugin writes true when every @Extension says dynamicLoadable=YES, false when one says NO; the
        // default (MAYBE, the only value the stub's @Extension allows) writes nothing.
        assertNull(main.getValue("Support-Dynamic-Loading"));
        assertEquals("the repository's LICENSE", "MIT License", main.getValue("Plugin-License-Name"));
        assertEquals("https://opensource.org/license/mit", main.getValue("Plugin-License-Url"));
        // No Url until the project has a public home: Jenkins then shows the plugin's name without a link.
        assertNull(main.getValue("Url"));
    }

    @Test
    public void pluginDependenciesListExactlyThePluginsTheCodeUses() throws IOException {
        String declared;
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            declared = jar.getManifest().getMainAttributes().getValue("Plugin-Dependencies");
        }
        assertNotNull("Plugin-Dependencies", declared);
        Set<String> ids = new TreeSet<>();
        for (String dependency : declared.split(",")) {
            assertTrue("id:version[;resolution:=optional]: " + dependency,
                    dependency.matches("[a-z0-9-]+:[A-Za-z0-9._-]+(;resolution:=optional)?"));
            assertTrue("listed once: " + dependency, ids.add(dependency.substring(0, dependency.indexOf(':'))));
        }
        Set<String> used = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                byte[] bytes = jar.getInputStream(entry).readAllBytes();
                if (entry.getName().endsWith(".class")) {
                    for (String text : constantPoolStrings(bytes)) {
                        usedPlugins(text, used, unknown, entry.getName());
                        if (text.contains(IONICONS_ICON)) used.add("ionicons-api");
                    }
                } else if (entry.getName().endsWith(".jelly") || entry.getName().endsWith(".js")) {
                    if (new String(bytes, StandardCharsets.UTF_8).contains(IONICONS_ICON)) used.add("ionicons-api");
                }
            }
        }
        for (Map.Entry<String, byte[]> bundled : lib.entrySet()) {
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bundled.getValue()))) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    if (!entry.getName().endsWith(".class")) continue;
                    for (String text : constantPoolStrings(in.readAllBytes())) {
                        LIBRARY_PLUGINS.forEach((library, plugin) -> {
                            if (text.contains(library)) used.add(plugin);
                        });
                    }
                }
            }
        }
        assertEquals("plugin packages with no known owner (add them to PLUGIN_PACKAGES)", List.of(), unknown);
        assertEquals("the plugins the class files and views use, and the library plugins the bundled jars use", used, ids);
    }

    @Test
    public void theSezPozIndexListsExactlyTheExtensions() throws Exception {
        try (PluginLoader loader = new PluginLoader(pluginJar)) {
            Set<String> indexed = new TreeSet<>();
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                indexed.add(item.className() + (item.memberName() == null ? "" : "#" + item.memberName()));
            }
            assertFalse("META-INF/annotations/hudson.Extension lists the extensions", indexed.isEmpty());
            assertEquals(annotated(loader, Extension.class, true), indexed);
        }
    }

    @Test
    public void theAnnotationIndexerIndexesListExactlyTheClassesCarryingTheirAnnotation() throws Exception {
        try (PluginLoader loader = new PluginLoader(pluginJar); JarFile jar = new JarFile(pluginJar.toFile())) {
            for (Class<? extends Annotation> annotation : List.of(Symbol.class, Initializer.class, Terminator.class)) {
                Set<String> expected = new TreeSet<>();
                for (String use : annotated(loader, annotation, false)) expected.add(use);
                JarEntry entry = jar.getJarEntry("META-INF/services/annotations/" + annotation.getName());
                assertNotNull("release-ledger.jar has the index of @" + annotation.getSimpleName(), entry);
                String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                assertEquals("@" + annotation.getSimpleName(), new ArrayList<>(expected), text.lines().toList());
            }
        }
    }

    @Test
    public void noBundledJarHoldsWhatJenkinsProvidesOrAStub() throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> jar : lib.entrySet()) {
            if (jar.getKey().startsWith("release-ledger-jenkins-api-stubs") || jar.getKey().startsWith("release-ledger-plugin-build-tools")) {
                found.add(jar.getKey());
            }
            for (String entry : entries(jar.getValue())) {
                String name = entry.replaceFirst("^META-INF/versions/\\d+/", "");
                if (name.endsWith("/")) continue;
                for (String owned : NOT_BUNDLED) {
                    if (name.startsWith(owned)) found.add(jar.getKey() + "!/" + entry);
                }
            }
        }
        assertEquals("classes of Jenkins, its libraries, the stubs or the build tools in WEB-INF/lib", List.of(), firstOf(found));
    }

    @Test
    public void everyClassFileLoadsOnJava17() throws IOException {
        List<String> tooNew = new ArrayList<>();
        int classes = 0;
        for (Map.Entry<String, byte[]> jar : lib.entrySet()) {
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar.getValue()))) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    if (!entry.getName().endsWith(".class")) continue;
                    classes++;
                    // A multi-release jar's META-INF/versions/N/ classes are read only by Java N and later.
                    java.util.regex.Matcher versioned = java.util.regex.Pattern.compile("^META-INF/versions/(\\d+)/").matcher(entry.getName());
                    int allowed = versioned.find() ? 44 + Integer.parseInt(versioned.group(1)) : 61;
                    int major = major(in.readNBytes(8));
                    if (major > allowed) tooNew.add(jar.getKey() + "!/" + entry.getName() + " (major " + major + ")");
                }
            }
        }
        assertTrue("class files read", classes > 1000);
        assertEquals("class files a Java 17 JVM cannot load", List.of(), firstOf(tooNew));
    }

    @Test
    public void thePluginJarHoldsItsClassesViewsAndScripts() throws IOException {
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            for (String name : List.of("index.jelly", "io/releaseledger/plugin/RegisterArtifactStep.class",
                    "io/releaseledger/plugin/ReleaseLedgerConfiguration/config.jelly",
                    "io/releaseledger/plugin/ReleasesRootAction/index.jelly", "io/releaseledger/plugin/ui/jenkins-actions.js",
                    // Localizer's generated class and its bundle (the localizer runtime itself is core's: not bundled)
                    "io/releaseledger/plugin/Messages.class", "io/releaseledger/plugin/Messages.properties")) {
                assertNotNull("release-ledger.jar has " + name, jar.getJarEntry(name));
            }
        }
    }

    // ---- helpers ----

    /** At most 20 findings and how many more, so a failure stays readable. */
    private static List<String> firstOf(List<String> findings) {
        if (findings.size() <= 20) return findings;
        List<String> shown = new ArrayList<>(findings.subList(0, 20));
        shown.add("… and " + (findings.size() - 20) + " more");
        return shown;
    }

    /**
     * Uses of {@code annotation} found by reflection on every class of release-ledger.jar: for SezPoz's index the
     * annotated class or {@code class#member}, for annotation-indexer's the class carrying it on itself or a member.
     */
    private static Set<String> annotated(ClassLoader loader, Class<? extends Annotation> annotation, boolean members)
            throws IOException, ClassNotFoundException {
        Set<String> uses = new TreeSet<>();
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.endsWith("module-info.class") || name.endsWith("package-info.class")) continue;
                Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                assertEquals("loaded from release-ledger.jar: " + c, loader, c.getClassLoader());
                if (c.isAnnotationPresent(annotation)) uses.add(c.getName());
                List<AnnotatedElement> declared = new ArrayList<>();
                Collections.addAll(declared, c.getDeclaredMethods());
                Collections.addAll(declared, c.getDeclaredFields());
                Collections.addAll(declared, c.getDeclaredConstructors());
                for (AnnotatedElement member : declared) {
                    if (member.isAnnotationPresent(annotation)) {
                        uses.add(members ? c.getName() + "#" + ((Member) member).getName() : c.getName());
                    }
                }
            }
        }
        return uses;
    }

    private static void usedPlugins(String text, Set<String> used, List<String> unknown, String where) {
        for (String marker : List.of("org/jenkinsci/plugins/", "io/jenkins/plugins/", "com/cloudbees/plugins/")) {
            for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
                String rest = text.substring(at);
                String owner = PLUGIN_PACKAGES.entrySet().stream().filter(p -> rest.startsWith(p.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (owner == null) unknown.add(where + ": " + rest);
                else used.add(owner);
            }
        }
    }

    /** The CONSTANT_Utf8 entries of a class file: every class, descriptor and string constant it names. */
    private static List<String> constantPoolStrings(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> { in.skipNBytes(8); i++; }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings;
    }

    private static int major(byte[] header) {
        assertEquals("class file magic", 0xCAFEBABE, ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16)
                | ((header[2] & 0xff) << 8) | (header[3] & 0xff));
        return ((header[6] & 0xff) << 8) | (header[7] & 0xff);
    }

    private static List<String> entries(byte[] jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) names.add(entry.getName());
        }
        return names;
    }

    /**
     * A plugin's class loader in miniature: the plugin's own classes and annotation indexes come from
     * release-ledger.jar only (not from target/classes on the test class path); everything else from the parent.
     */
    private static final class PluginLoader extends URLClassLoader {
        PluginLoader(Path jar) throws IOException {
            super(new URL[] {jar.toUri().toURL()}, PluginHpiIT.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.releaseledger.plugin.")) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("META-INF/") ? findResources(name) : super.getResources(name);
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("META-INF/") ? findResource(name) : super.getResource(name);
        }
    }
}
