package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stub of {@code org.kohsuke.stapler.QueryParameter}; elements the plugin does not use are left out. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER})
@Documented
public @interface QueryParameter {
    /** The request parameter's name; empty: the Java parameter's name. */
    String value() default "";
}
