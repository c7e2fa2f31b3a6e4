package hudson.util;

import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.concurrent.ThreadFactory;

/**
 * Stub of {@code hudson.util.ClassLoaderSanityThreadFactory}: the threads it makes get Jenkins core's class loader as
 * their context class loader, as the real ones do ({@code jenkins.util.Timer}'s, {@code Computer.threadPoolForRemoting}'s).
 *
 * <p>The real one gives them {@code ClassLoaderSanityThreadFactory.class.getClassLoader()}: core's, which sees Jenkins
 * core and the JDK but none of a plugin's classes or libraries. The stubs stand for Jenkins core, but in a unit test
 * their class loader is the application class loader, which sees the plugin and every library too. So here the threads
 * get a class loader over the stubs' own classes alone, with the JDK's platform class loader as parent: what code
 * running on them cannot find through the context class loader, it could not find in Jenkins either.
 */
public class ClassLoaderSanityThreadFactory implements ThreadFactory {
    private final ThreadFactory delegate;

    public ClassLoaderSanityThreadFactory(ThreadFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = delegate.newThread(r);
        t.setContextClassLoader(Core.LOADER);
        return t;
    }

    /** Made on first use, once per JVM (Jenkins core's loader is one too). */
    private static final class Core {
        static final ClassLoader LOADER = create();

        private static ClassLoader create() {
            CodeSource stubs = ClassLoaderSanityThreadFactory.class.getProtectionDomain().getCodeSource();
            URL[] urls = stubs == null ? new URL[0] : new URL[] {stubs.getLocation()};
            return new URLClassLoader("jenkins-core (stubs)", urls, ClassLoader.getPlatformClassLoader());
        }
    }
}
