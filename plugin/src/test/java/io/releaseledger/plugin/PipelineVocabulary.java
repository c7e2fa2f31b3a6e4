package io.releaseledger.plugin;

import hudson.model.Descriptor;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The Pipeline names this plugin defines, read by reflection from its compiled classes the way Pipeline reads
 * them: each step's {@code getFunctionName()} (and its descriptor's {@code @Symbol}), the {@code @Symbol} of every
 * describable a step parameter can hold ({@code httpCheck}, {@code verification}, …), and for each the
 * {@code @DataBoundConstructor} parameters (required) and {@code @DataBoundSetter}s (optional). Configuration-only
 * describables (an environment, a freeze window) are not reachable from a step, so they are not Pipeline names.
 */
final class PipelineVocabulary {
    private static final String PACKAGE = "io.releaseledger.plugin";

    /** A step or nested describable as a Jenkinsfile may call it. */
    record Entry(String symbol, Class<?> type, boolean step, boolean takesBlock, List<String> required,
                 Map<String, Type> parameters) {
        String describe() {
            return String.join(", ", parameters.keySet());
        }
    }

    final Map<String, Entry> bySymbol;
    /** Steps whose {@code @Symbol} does not include their function name: Pipeline would show two names. */
    final List<String> inconsistent;

    private PipelineVocabulary(Map<String, Entry> bySymbol, List<String> inconsistent) {
        this.bySymbol = Collections.unmodifiableMap(bySymbol);
        this.inconsistent = List.copyOf(inconsistent);
    }

    Set<String> steps() {
        Set<String> steps = new LinkedHashSet<>();
        bySymbol.values().stream().filter(Entry::step).forEach(e -> steps.add(e.symbol()));
        return steps;
    }

    static PipelineVocabulary load() throws Exception {
        List<Class<?>> classes = pluginClasses();
        Map<String, Entry> entries = new TreeMap<>();
        List<String> inconsistent = new ArrayList<>();
        Set<Type> reachable = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            Symbol symbol = c.getAnnotation(Symbol.class);
            if (!StepDescriptor.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) continue;
            StepDescriptor descriptor = (StepDescriptor) c.getDeclaredConstructor().newInstance();
            String name = descriptor.getFunctionName();
            if (symbol == null || !List.of(symbol.value()).contains(name)) inconsistent.add(c.getName() + " (" + name + ")");
            Entry e = entry(name, c.getEnclosingClass(), true, descriptor.takesImplicitBlockArgument());
            entries.put(name, e);
            reachable.addAll(e.parameters().values());
        }
        // Nested describables: a @Symbol descriptor whose describable fits a type some step parameter holds, and so on
        // for their own parameters.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Class<?> c : classes) {
                Symbol symbol = c.getAnnotation(Symbol.class);
                if (symbol == null || StepDescriptor.class.isAssignableFrom(c) || !Descriptor.class.isAssignableFrom(c)) continue;
                Class<?> describable = c.getEnclosingClass();
                if (describable == null || entries.containsKey(symbol.value()[0]) || !fits(describable, reachable)) continue;
                for (String s : symbol.value()) {
                    Entry e = entry(s, describable, false, false);
                    entries.put(s, e);
                    reachable.addAll(e.parameters().values());
                }
                grew = true;
            }
        }
        return new PipelineVocabulary(entries, inconsistent);
    }

    /** The named parameters a describable takes, as Stapler binds them. */
    static Entry entry(String symbol, Class<?> type, boolean step, boolean takesBlock) {
        Constructor<?> constructor = null;
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) constructor = c;
        }
        if (constructor == null) throw new IllegalStateException(type.getName() + " has no public @DataBoundConstructor");
        Map<String, Type> parameters = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Parameter p : constructor.getParameters()) {
            if (!p.isNamePresent()) {
                throw new IllegalStateException(type.getName() + " was compiled without -parameters: its"
                        + " @DataBoundConstructor parameter names are not in the class file");
            }
            parameters.put(p.getName(), p.getParameterizedType());
            required.add(p.getName());
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set") && m.getParameterCount() == 1) {
                parameters.put(Introspector.decapitalize(m.getName().substring(3)), m.getGenericParameterTypes()[0]);
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class)) parameters.put(f.getName(), f.getGenericType());
            }
        }
        return new Entry(symbol, type, step, takesBlock, List.copyOf(required), Collections.unmodifiableMap(parameters));
    }

    /** Whether {@code describable} can be the value of a parameter of one of these types (or a list of them). */
    static boolean fits(Class<?> describable, Set<Type> types) {
        for (Type t : types) {
            Class<?> raw = raw(t);
            if (raw != null && raw != Object.class && raw.isAssignableFrom(describable)) return true;
            if (t instanceof ParameterizedType p) {
                for (Type arg : p.getActualTypeArguments()) {
                    Class<?> element = raw(arg);
                    if (element != null && element != Object.class && element.isAssignableFrom(describable)) return true;
                }
            }
        }
        return false;
    }

    static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) return c;
        return null;
    }

    /** Every class of the plugin's package, from the folder or jar it was loaded from. */
    private static List<Class<?>> pluginClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(DeployReleaseStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String folder = PACKAGE.replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(folder))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class"))
                        .forEach(n -> names.add(PACKAGE + "." + n.substring(0, n.length() - 6)));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(folder) && n.endsWith(".class") && n.indexOf('/', folder.length()) < 0)
                        .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        Collections.sort(names);
        for (String name : names) classes.add(Class.forName(name, false, DeployReleaseStep.class.getClassLoader()));
        return classes;
    }
}
