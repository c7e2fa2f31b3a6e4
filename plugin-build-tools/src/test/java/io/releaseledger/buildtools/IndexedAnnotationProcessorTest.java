package io.releaseledger.buildtools;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Compiles small sources with javac and this processor, and reads the index files it leaves in the output. */
public class IndexedAnnotationProcessorTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static final Map<String, String> API = Map.of(
            "org/jvnet/hudson/annotation_indexer/Indexed.java", """
                    package org.jvnet.hudson.annotation_indexer;
                    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                    @java.lang.annotation.Target(java.lang.annotation.ElementType.ANNOTATION_TYPE)
                    public @interface Indexed {}
                    """,
            "api/Named.java", """
                    package api;
                    @org.jvnet.hudson.annotation_indexer.Indexed
                    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                    public @interface Named { String value(); }
                    """,
            "api/OnStart.java", """
                    package api;
                    @org.jvnet.hudson.annotation_indexer.Indexed
                    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                    public @interface OnStart {}
                    """,
            "api/Plain.java", """
                    package api;
                    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                    public @interface Plain {}
                    """);

    @Test
    public void listsEachClassCarryingAnIndexedAnnotationOncePerLineSorted() throws Exception {
        Path out = compile(null, Map.of(
                "p/Zeta.java", "package p; @api.Named(\"z\") public class Zeta { @api.Named(\"inner\") public static class Inner {} }",
                "p/Alpha.java", "package p; @api.Named(\"a\") @api.Plain public class Alpha {}",
                "p/Hooks.java", "package p; public class Hooks { @api.OnStart static void one() {} @api.OnStart static void two() {} }",
                "p/Unmarked.java", "package p; @api.Plain public class Unmarked {}"));
        assertEquals("p.Alpha\np.Zeta\np.Zeta$Inner\n", index(out, "api.Named"));
        assertEquals("the type declaring annotated methods, once", "p.Hooks\n", index(out, "api.OnStart"));
        assertFalse("an annotation without @Indexed has no index",
                Files.exists(out.resolve("META-INF/services/annotations/api.Plain")));
    }

    @Test
    public void aRecordIsNotListedAsAnnotationIndexerLeavesItOut() throws Exception {
        Path out = compile(null, Map.of(
                "p/Kept.java", "package p; @api.Named(\"k\") public record Kept(int x) {}",
                "p/Listed.java", "package p; @api.Named(\"l\") public class Listed {}"));
        assertEquals("p.Listed\n", index(out, "api.Named"));
    }

    @Test
    public void aSecondCompilationIntoTheSameOutputKeepsTheLinesAlreadyThere() throws Exception {
        Path out = compile(null, Map.of("p/First.java", "package p; @api.Named(\"f\") public class First {}"));
        compile(out, Map.of("p/Second.java", "package p; @api.Named(\"s\") public class Second {}"));
        assertEquals("p.First\np.Second\n", index(out, "api.Named"));
    }

    private static String index(Path out, String annotation) throws IOException {
        return Files.readString(out.resolve("META-INF/services/annotations/" + annotation), StandardCharsets.UTF_8);
    }

    /** Compiles the API and {@code sources} into {@code out} (a new folder when null) with only this processor. */
    private Path compile(Path out, Map<String, String> sources) throws IOException {
        Path src = folder.newFolder().toPath();
        Path classes = out != null ? out : folder.newFolder().toPath();
        List<Path> files = new ArrayList<>();
        for (Map<String, String> set : List.of(API, sources)) {
            for (Map.Entry<String, String> source : set.entrySet()) {
                Path file = src.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            JavaCompiler.CompilationTask task = javac.getTask(messages, fm, null,
                    List.of("-d", classes.toString(), "-proc:only"), null, units);
            task.setProcessors(List.of(new IndexedAnnotationProcessor()));
            assertTrue(messages.toString(), task.call());
        }
        return classes;
    }
}
