package io.releaseledger.plugin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.marshalling.Marshaller;
import org.jboss.marshalling.Marshalling;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.ObjectResolver;
import org.jboss.marshalling.SimpleClassResolver;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;

/**
 * Program state as Pipeline writes and reads it ({@code program.dat}): JBoss Marshalling River 2.2.2.Final, the version
 * workflow-support bundles, configured as its {@code RiverWriter} and {@code RiverReader} configure it. Writing: a
 * default {@link MarshallingConfiguration} (no protocol version, no object table, no class resolver) whose
 * {@link ObjectResolver} replaces the objects a {@code PickleFactory} takes (an executor, a workspace, a throwable...)
 * by their pickles. Reading: a {@link SimpleClassResolver} over the class loader of the Pipeline script (one that
 * reaches every plugin's classes), and an object resolver that puts the rehydrated pickles back.
 *
 * <p>What Release Ledger keeps in program state holds nothing Jenkins pickles, so no pickle factory applies here;
 * the write-side resolver instead records every object's class, for {@link #nonConforming}. Nor is the owner
 * replaced ({@code DryOwner}): nothing here holds the build.
 */
final class River {
    private River() {}

    /** Writes {@code program} as {@code RiverWriter} does; {@code written} receives the class of every object written. */
    static byte[] write(Object program, Set<Class<?>> written) throws IOException {
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setObjectResolver(new ObjectResolver() {
            @Override
            public Object readResolve(Object replacement) {
                throw new IllegalStateException();
            }

            @Override
            public Object writeReplace(Object original) {
                written.add(original.getClass());
                return original; // where RiverWriter asks the pickle factories; none takes what the plugin keeps
            }
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Marshaller marshaller = new RiverMarshallerFactory().createMarshaller(config);
        marshaller.start(Marshalling.createByteOutput(bytes));
        marshaller.writeObject(program);
        marshaller.finish();
        return bytes.toByteArray();
    }

    /** Reads what {@link #write} wrote, as {@code RiverReader} does. */
    static Object read(byte[] program) throws IOException, ClassNotFoundException {
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setClassResolver(new SimpleClassResolver(River.class.getClassLoader()));
        config.setObjectResolver(new ObjectResolver() {
            @Override
            public Object readResolve(Object replacement) {
                return replacement; // where RiverReader puts rehydrated pickles and the build back
            }

            @Override
            public Object writeReplace(Object original) {
                throw new IllegalStateException();
            }
        });
        Unmarshaller unmarshaller = new RiverMarshallerFactory().createUnmarshaller(config);
        unmarshaller.start(Marshalling.createByteInput(new ByteArrayInputStream(program)));
        try {
            return unmarshaller.readObject();
        } finally {
            unmarshaller.finish();
        }
    }

    /** Writes and reads back {@code value}; the classes written go to {@code written}. */
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value, Set<Class<?>> written) throws IOException, ClassNotFoundException {
        return (T) read(write(value, written));
    }

    /** Writes and reads back {@code value}. */
    static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        return roundTrip(value, new LinkedHashSet<>());
    }

    /**
     * What is wrong, for program state, with the plugin's and core's own classes among {@code written}: each must be
     * public — River reads a record's components through its public accessors, looked up from River's own class, so a
     * record that is not public cannot be written ("symbolic reference class is not accessible … from class
     * org.jboss.marshalling.reflect.JDKSpecific"); other classes are held to the same rule so that none becomes a
     * record unnoticed — and declare {@code serialVersionUID = 1L}. Empty when all conform.
     */
    static List<String> nonConforming(Set<Class<?>> written) {
        List<String> problems = new ArrayList<>();
        for (Class<?> type : written) {
            if (!ownCode(type)) continue;
            if (!Modifier.isPublic(type.getModifiers())) {
                problems.add(type.getName() + " is not public" + (type.isRecord() ? " (a record: River cannot read its components)" : ""));
            }
            if (Serializable.class.isAssignableFrom(type) && !type.isEnum() && serialVersionUid(type) != 1L) {
                problems.add(type.getName() + " does not declare serialVersionUID = 1L");
            }
        }
        return problems;
    }

    /** The classes among {@code written} that are not the JDK's (which sit in named modules). */
    static Set<Class<?>> nonJdk(Set<Class<?>> written) {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (Class<?> type : written) {
            if (!type.getModule().isNamed()) found.add(type);
        }
        return Collections.unmodifiableSet(found);
    }

    /** Loaded from the plugin's or core's main classes (not a test's fake, not a library's). */
    private static boolean ownCode(Class<?> type) {
        return type.getName().startsWith("io.releaseledger.") && !sameSource(type, River.class)
                && (sameSource(type, VerifyHealthStep.class) || sameSource(type, io.releaseledger.ledger.Ledger.class));
    }

    private static boolean sameSource(Class<?> a, Class<?> b) {
        CodeSource x = a.getProtectionDomain().getCodeSource();
        CodeSource y = b.getProtectionDomain().getCodeSource();
        return x != null && y != null && x.getLocation().equals(y.getLocation());
    }

    private static long serialVersionUid(Class<?> type) {
        try {
            Field field = type.getDeclaredField("serialVersionUID");
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != long.class) return 0;
            field.setAccessible(true);
            return field.getLong(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            return 0;
        }
    }
}
