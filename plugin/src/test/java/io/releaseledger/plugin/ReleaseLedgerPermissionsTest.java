package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.Test;

public class ReleaseLedgerPermissionsTest {
    @Test
    public void permissionIdsAreStableBecauseAuthorizationStrategiesStoreThem() {
        assertEquals("io.releaseledger.plugin.ReleaseLedgerPermissions.View", ReleaseLedgerPermissions.VIEW.getId());
        assertEquals("io.releaseledger.plugin.ReleaseLedgerPermissions.Approve", ReleaseLedgerPermissions.APPROVE.getId());
        assertEquals("io.releaseledger.plugin.ReleaseLedgerPermissions.Rollback", ReleaseLedgerPermissions.ROLLBACK.getId());
        assertEquals("io.releaseledger.plugin.ReleaseLedgerPermissions.Configure", ReleaseLedgerPermissions.CONFIGURE.getId());
    }

    @Test
    public void theGroupIsReleaseLedgerWithFourPermissionsListedByIdAsJenkinsDoes() {
        assertEquals("Release Ledger", ReleaseLedgerPermissions.GROUP.title.toString());
        assertEquals(List.of(ReleaseLedgerPermissions.APPROVE, ReleaseLedgerPermissions.CONFIGURE,
                ReleaseLedgerPermissions.ROLLBACK, ReleaseLedgerPermissions.VIEW),
                ReleaseLedgerPermissions.GROUP.getPermissions());
        for (var permission : ReleaseLedgerPermissions.GROUP.getPermissions()) {
            assertSame(ReleaseLedgerPermissions.GROUP, permission.group);
        }
    }

    @Test
    public void readersMayViewOnlyAdministratorsHoldTheRestUnlessGranted() {
        assertSame(Jenkins.READ, ReleaseLedgerPermissions.VIEW.impliedBy);
        assertSame(Jenkins.ADMINISTER, ReleaseLedgerPermissions.APPROVE.impliedBy);
        assertSame(Jenkins.ADMINISTER, ReleaseLedgerPermissions.ROLLBACK.impliedBy);
        assertSame(Jenkins.ADMINISTER, ReleaseLedgerPermissions.CONFIGURE.impliedBy);
    }

    /**
     * Jenkins at start-up, in a fresh class loader (nothing of the plugin initialized yet): the initializers it finds
     * through the {@code hudson.init.Initializer} index and that must have run before extensions are augmented (so
     * before the security settings load and before Configuration as Code applies) are run; then the group is looked up
     * as matrix-auth's Configuration as Code support looks up {@code Release Ledger/Approve}: among
     * {@code PermissionGroup.getAll()}, by id, then the permission by name.
     */
    @Test
    public void theGroupIsRegisteredByAnInitializerBeforeConfigurationAsCodeApplies() throws Exception {
        try (URLClassLoader jenkins = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> groups = Class.forName("hudson.security.PermissionGroup", true, jenkins);
            assertEquals("no page has touched the plugin yet", List.of(), approve(groups));

            @SuppressWarnings("unchecked")
            Class<? extends Annotation> initializer = (Class<? extends Annotation>) Class.forName("hudson.init.Initializer", false, jenkins);
            int augmented = milestone(jenkins, "EXTENSIONS_AUGMENTED");
            List<String> ran = new ArrayList<>();
            for (URL index : Collections.list(jenkins.getResources("META-INF/services/annotations/hudson.init.Initializer"))) {
                for (String type : read(index).lines().map(String::strip).filter(l -> l.startsWith("io.releaseledger.")).toList()) {
                    for (Method m : Class.forName(type, false, jenkins).getDeclaredMethods()) {
                        Annotation a = m.getAnnotation(initializer);
                        if (a == null) continue;
                        Enum<?> before = (Enum<?>) initializer.getMethod("before").invoke(a);
                        if (before.ordinal() <= augmented) {
                            m.invoke(null);
                            ran.add(type + "." + m.getName());
                        }
                    }
                }
            }
            assertEquals(List.of(ReleaseLedgerPermissions.class.getName() + ".register"), ran);
            assertEquals(List.of("io.releaseledger.plugin.ReleaseLedgerPermissions.Approve"), approve(groups));
        }
    }

    /** The ids of the permissions named {@code Approve} in registered groups whose id is {@code Release Ledger}. */
    private static List<String> approve(Class<?> groups) throws ReflectiveOperationException {
        List<String> found = new ArrayList<>();
        for (Object group : (List<?>) groups.getMethod("getAll").invoke(null)) {
            if (!"Release Ledger".equals(groups.getMethod("getId").invoke(group))) continue;
            for (Object permission : (List<?>) groups.getMethod("getPermissions").invoke(group)) {
                if ("Approve".equals(permission.getClass().getField("name").get(permission))) {
                    found.add((String) permission.getClass().getMethod("getId").invoke(permission));
                }
            }
        }
        return found;
    }

    private static int milestone(ClassLoader loader, String name) throws ClassNotFoundException {
        for (Object constant : Class.forName("hudson.init.InitMilestone", false, loader).getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) return ((Enum<?>) constant).ordinal();
        }
        throw new AssertionError(name);
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** This JVM's class path (surefire's manifest-only jar is followed by URLClassLoader through its Class-Path). */
    private static URL[] classPath() throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        assertTrue(!urls.isEmpty());
        return urls.toArray(URL[]::new);
    }
}
