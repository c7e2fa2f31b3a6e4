package org.jvnet.hudson.annotation_indexer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stub of annotation-indexer's {@code Indexed} (the library does not resolve from Maven Central): marks an
 * annotation whose uses are listed at compile time in {@code META-INF/services/annotations/<annotation>}, which
 * Jenkins reads with annotation-indexer's {@code Index}. The index is written by plugin-build-tools'
 * {@code IndexedAnnotationProcessor}. The real element {@code validators()} is left out: the processor ignores it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface Indexed {
}
