package io.releaseledger.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * H2's lock file of the embedded store ({@code ledger.lock.db}), which the shared store's automatic server writes
 * and a read-only open refuses to pass. On a full disk it is left behind: empty by an open that could create it
 * but not write it, or naming the server of a process that died.
 */
final class EmbeddedLock {
    private EmbeddedLock() {}

    /**
     * Removes the lock file of {@code database} if nobody holds it: it is empty, or names no server, or a server
     * that refuses connections. Returns whether the store is now free of a lock file; {@code false} while a live
     * process holds it.
     */
    static boolean clearIfStale(Path database) {
        Path lock = database.resolveSibling(database.getFileName() + ".lock.db");
        if (!Files.exists(lock)) {
            return true;
        }
        try {
            if (Files.size(lock) > 0 && serverAnswers(lock)) {
                return false;
            }
            Files.deleteIfExists(lock);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean serverAnswers(Path lock) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(lock)) {
            properties.load(in);
        }
        String server = properties.getProperty("server");
        if (server == null || server.lastIndexOf(':') < 0) {
            // Not the automatic server's: another kind of lock we cannot prove stale.
            return properties.getProperty("method") != null;
        }
        String host = server.substring(0, server.lastIndexOf(':'));
        int port;
        try {
            port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return true; // not what H2 writes: leave it to H2
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
