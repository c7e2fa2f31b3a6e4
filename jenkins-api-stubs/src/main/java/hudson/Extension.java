package hudson;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.java.sezpoz.Indexable;

/**
 * Stub of {@code hudson.Extension}; elements the plugin does not use are left out. {@code @Indexable}, as on the real
 * one, makes SezPoz's annotation processor write {@code META-INF/annotations/hudson.Extension}, the index through
 * which Jenkins finds a plugin's extensions: without it Jenkins sees none of them.
 */
@Indexable
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
@Documented
public @interface Extension {
}
