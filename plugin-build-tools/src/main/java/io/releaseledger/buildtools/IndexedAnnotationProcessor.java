package io.releaseledger.buildtools;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the indexes that Jenkins reads with annotation-indexer's {@code Index} (Jenkins core's
 * {@code @Initializer}/{@code @Terminator} finder, structs' {@code @Symbol} lookup), as annotation-indexer's own
 * processor does; that library does not resolve from Maven Central, so the default build runs this one.
 *
 * <p>What it mirrors, from annotation-indexer's source:
 * <ul>
 *   <li>an annotation is indexed when it is meta-annotated with {@code org.jvnet.hudson.annotation_indexer.Indexed};
 *   <li>the index is {@code META-INF/services/annotations/<binary name of the annotation>} in the class output (the
 *       location annotation-indexer writes since it moved from {@code META-INF/annotations/}; its reader looks in
 *       both);
 *   <li>one line per class, sorted, no duplicates: the binary name of an annotated class, interface, enum or
 *       annotation type, or of the type declaring an annotated method, field or constructor; an annotated package
 *       gives {@code package.*}; other kinds (records among them) are not listed;
 *   <li>lines already in the index are kept (incremental compilation), and nothing is written in a round after an
 *       error or in the last round.
 * </ul>
 */
@SupportedAnnotationTypes("*")
public final class IndexedAnnotationProcessor extends AbstractProcessor {
    /** The meta-annotation that marks an annotation as indexed. */
    static final String INDEXED = "org.jvnet.hudson.annotation_indexer.Indexed";
    /** Where the indexes go, as annotation-indexer writes them. */
    static final String INDEX_DIRECTORY = "META-INF/services/annotations/";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latest();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver() || round.errorRaised()) return false;
        Map<String, Index> indexes = new HashMap<>();
        for (TypeElement annotation : annotations) {
            if (find(annotation, INDEXED) == null) continue;
            if (find(annotation, "java.lang.annotation.Retention") == null) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, "Specify @Retention(RUNTIME)", annotation);
            }
            String name = binaryName(annotation);
            Index index = indexes.computeIfAbsent(name, Index::new);
            for (Element element : round.getElementsAnnotatedWith(annotation)) index.add(element);
        }
        indexes.values().forEach(Index::write);
        return false;   // other processors (SezPoz) may handle the same annotations
    }

    private AnnotationMirror find(Element element, String annotationName) {
        for (AnnotationMirror mirror : processingEnv.getElementUtils().getAllAnnotationMirrors(element)) {
            if (binaryName((TypeElement) mirror.getAnnotationType().asElement()).equals(annotationName)) return mirror;
        }
        return null;
    }

    private String binaryName(TypeElement type) {
        return processingEnv.getElementUtils().getBinaryName(type).toString();
    }

    /** The uses of one indexed annotation: the lines of its index and the elements they come from. */
    private final class Index {
        private final String annotation;
        private final Set<String> lines = new TreeSet<>();
        private final Set<Element> origins = new LinkedHashSet<>();

        Index(String annotation) {
            this.annotation = annotation;
            lines.addAll(existing());
        }

        void add(Element element) {
            origins.add(element);
            switch (element.getKind()) {
                case CLASS, INTERFACE, ANNOTATION_TYPE, ENUM -> lines.add(binaryName((TypeElement) element));
                case METHOD, FIELD, CONSTRUCTOR -> lines.add(binaryName((TypeElement) element.getEnclosingElement()));
                case PACKAGE -> lines.add(((PackageElement) element).getQualifiedName() + ".*");
                default -> { }   // as annotation-indexer: other kinds are not indexed
            }
        }

        private String path() {
            return INDEX_DIRECTORY + annotation;
        }

        /** The lines of the index a previous compilation left in the class output, if any. */
        private Set<String> existing() {
            Set<String> found = new LinkedHashSet<>();
            try {
                FileObject file = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", path());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) found.add(line);
                }
            } catch (FileNotFoundException | NoSuchFileException first) {
                // no index yet: a clean build
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot read " + path() + ": " + e);
            }
            return found;
        }

        void write() {
            try {
                FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path(),
                        origins.toArray(new Element[0]));
                try (PrintWriter out = new PrintWriter(new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8))) {
                    lines.forEach(out::println);
                }
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + path() + ": " + e);
            }
        }
    }
}
