package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Snippet Generator (Pipeline Syntax) and the configuration pages draw a form from the {@code config.jelly} of
 * each data-bound class, found as Jenkins' {@code Descriptor.getConfigPage} finds it: beside the class, then beside
 * each superclass. A class without one gets an empty form, and a parameter without a field can never be set there
 * (the snippet comes out as {@code deployRelease { }}). So, by reflection over every class of the plugin: each one
 * with a {@code @DataBoundConstructor} has a {@code config.jelly} whose {@code field}s cover every constructor
 * parameter and every {@code @DataBoundSetter}, and bind to nothing else.
 */
public class SnippetGeneratorFormsTest {
    private static final Path CLASSES = Path.of("target/classes");

    static List<Class<?>> dataBoundClasses() throws Exception {
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, SnippetGeneratorFormsTest.class.getClassLoader());
                if (Arrays.stream(c.getDeclaredConstructors()).anyMatch(k -> k.isAnnotationPresent(DataBoundConstructor.class))) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    /** {@code Descriptor.getConfigPage}: {@code a/b/C/config.jelly} ({@code $} as {@code /}), then the superclasses'. */
    static URL configPage(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            URL page = k.getClassLoader() == null ? null
                    : k.getClassLoader().getResource(k.getName().replace('.', '/').replace('$', '/') + "/config.jelly");
            if (page != null) return page;
        }
        return null;
    }

    /** What databinding fills: the constructor's parameters and the {@code @DataBoundSetter}s, inherited ones too. */
    static Set<String> boundNames(Class<?> c) {
        Set<String> names = new LinkedHashSet<>();
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (!k.isAnnotationPresent(DataBoundConstructor.class)) continue;
            for (Parameter p : k.getParameters()) {
                assertTrue(c + ": compiled without -parameters", p.isNamePresent());
                names.add(p.getName());
            }
        }
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                names.add(Introspector.decapitalize(m.getName().substring(3)));
            }
        }
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class)) names.add(f.getName());
            }
        }
        return names;
    }

    static Object getter(Class<?> c, String name) {
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String prefix : List.of("get", "is")) {
            try {
                return c.getMethod(prefix + capitalized);
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        try {
            return c.getField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    /** Every {@code field} attribute of the form, whatever the tag ({@code f:entry}, {@code f:optionalProperty}…). */
    static Set<String> formFields(URL page) throws Exception {
        Path file = Path.of(page.toURI());
        Document doc = JellyViewsTest.parse(file);
        Set<String> fields = new TreeSet<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("field")) fields.add(e.getAttribute("field"));
        }
        return fields;
    }

    @Test
    public void everyDataBoundClassHasAFormWhoseFieldsAreExactlyItsParameters() throws Exception {
        List<Class<?>> classes = dataBoundClasses();
        for (Class<?> expected : List.of(DeployReleaseStep.class, VerifyHealthStep.class, RollbackReleaseStep.class,
                ApprovalGateStep.class, RegisterArtifactStep.class, ReleaseStatusStep.class, ReleaseNotesStep.class,
                HttpCheckSpec.class, PrometheusCheckSpec.class, CommandCheckSpec.class, VerificationSettings.class,
                ReleaseEnvironment.class, FreezeWindowEntry.class, CredentialBindingEntry.class, ReleaseWebhook.class)) {
            assertTrue("found by reflection: " + expected, classes.contains(expected));
        }
        List<String> problems = new ArrayList<>();
        for (Class<?> c : classes) {
            if (Modifier.isAbstract(c.getModifiers())) continue;
            URL page = configPage(c);
            if (page == null) {
                problems.add(c.getSimpleName() + " has no config.jelly: its form is empty");
                continue;
            }
            Set<String> bound = boundNames(c);
            Set<String> fields = formFields(page);
            Set<String> missing = new TreeSet<>(bound);
            missing.removeAll(fields);
            Set<String> unknown = new TreeSet<>(fields);
            unknown.removeAll(bound);
            if (!missing.isEmpty()) problems.add(c.getSimpleName() + "'s config.jelly has no field for " + missing);
            if (!unknown.isEmpty()) problems.add(c.getSimpleName() + "'s config.jelly has fields that bind to nothing: " + unknown);
            // The form shows the current value, and the snippet is written back (structs' uninstantiate), from getters.
            for (String name : bound) {
                if (getter(c, name) == null) problems.add(c.getSimpleName() + " has no public getter for " + name);
            }
        }
        assertEquals("the forms:\n  " + String.join("\n  ", problems), List.of(), problems);
    }

    @Test
    public void aFieldMissingFromAFormIsFound() throws Exception {
        // ReleaseStatusStep's form has one field; the same form for DeployReleaseStep lacks the others.
        Set<String> fields = formFields(configPage(ReleaseStatusStep.class));
        Set<String> missing = new TreeSet<>(boundNames(DeployReleaseStep.class));
        missing.removeAll(fields);
        assertEquals(Set.of("artifact", "version", "healthChecks", "verification", "approvals", "approvers",
                "approvalTimeout", "forbidSelfApproval", "emergencyReason"), missing);
        assertEquals("inherited setters count", Set.of("command", "name", "timeout"), boundNames(CommandCheckSpec.class));
    }
}
