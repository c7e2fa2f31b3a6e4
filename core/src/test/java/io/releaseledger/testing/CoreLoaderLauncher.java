package io.releaseledger.testing;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of a {@link PluginClassLoaderJvm}, standing for Jenkins core: it makes a plugin's class loader — a
 * child of its own, over the plugin's classes and libraries — and, on a thread built as {@code jenkins.util.Timer}
 * builds its threads (context class loader: core's own), calls the entry point's {@code static void run(String[])}
 * in that loader.
 *
 * <p>It uses only the JDK: it is copied alone into the new JVM's class path.
 *
 * <p>Arguments: the plugin loader's class path ({@link File#pathSeparator}-separated), the entry point's class name,
 * then the entry point's arguments.
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
        String[] rest = Arrays.copyOfRange(args, 2, args.length);
        Throwable[] failure = new Throwable[1];
        Thread timer = new Thread(() -> {
            try {
                Class.forName(args[1], true, plugin).getMethod("run", String[].class).invoke(null, (Object) rest);
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
