package io.releaseledger.ledger;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of the fresh JVM of {@link PluginClassLoaderTest}, standing for Jenkins core: its class path holds
 * this class and SLF4J (which Jenkins core provides to plugins), nothing else. It makes a plugin's class loader — a
 * child of its own, over core's classes and their libraries — and, on a thread built as {@code jenkins.util.Timer}
 * builds its threads (context class loader: core's own), calls {@link OpenFromPluginLoader} in that loader.
 *
 * <p>It uses only the JDK: it is copied alone into the JVM's class path.
 *
 * <p>Arguments: the plugin loader's class path ({@link File#pathSeparator}-separated), then those of
 * {@link OpenFromPluginLoader#run}.
 */
public final class CoreLoaderLauncher {
    private CoreLoaderLauncher() {}

    public static void main(String[] args) throws Exception {
        ClassLoader core = CoreLoaderLauncher.class.getClassLoader();
        List<URL> urls = new ArrayList<>();
        for (String entry : args[0].split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        URLClassLoader plugin = new URLClassLoader("release-ledger plugin", urls.toArray(URL[]::new), core);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Throwable[] failure = new Throwable[1];
        Thread timer = new Thread(() -> {
            try {
                Class.forName("io.releaseledger.ledger.OpenFromPluginLoader", true, plugin)
                        .getMethod("run", String[].class).invoke(null, (Object) rest);
            } catch (InvocationTargetException e) {
                failure[0] = e.getCause();
            } catch (ReflectiveOperationException | RuntimeException e) {
                failure[0] = e;
            }
        }, "jenkins.util.Timer [#1]");
        timer.setDaemon(true);
        timer.setContextClassLoader(core);
        timer.start();
        timer.join();
        if (failure[0] != null) {
            System.out.println("FAILED " + failure[0]);
            for (Throwable c = failure[0].getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                System.out.println("  caused by " + c);
            }
            System.exit(1);
        }
        System.exit(0);
    }
}
