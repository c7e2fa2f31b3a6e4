package io.releaseledger.ledger;

import io.releaseledger.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the ledger store.
 *
 * @param jdbcUrl           {@code jdbc:h2:file:…} or {@code jdbc:postgresql://…}; never with a password in it
 * @param user              database user, or {@code null}
 * @param password          where the password comes from
 * @param maximumPoolSize   connections kept open
 * @param connectionTimeout how long to wait for a connection before failing closed
 */
public record LedgerConfig(String jdbcUrl, String user, PasswordSource password, int maximumPoolSize,
                           Duration connectionTimeout) {

    private static final Pattern PASSWORD_IN_URL =
            Pattern.compile("(?i)([?;&]password=)|(//[^/@:]+:[^/@]+@)");

    public LedgerConfig {
        Objects.requireNonNull(password, "password");
        if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new InvalidInputException("ledger url", jdbcUrl,
                    "use jdbc:postgresql://HOST:PORT/DATABASE, or leave it empty for the embedded H2 ledger");
        }
        if (PASSWORD_IN_URL.matcher(jdbcUrl).find()) {
            throw InvalidInputException.withoutValue("ledger url",
                    "it contains a password; remove it from the URL and give the password through an"
                            + " environment variable, a password file or a Jenkins credential");
        }
        if (maximumPoolSize < 1 || maximumPoolSize > 100) {
            throw new InvalidInputException("pool size", String.valueOf(maximumPoolSize), "use 1 to 100");
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    }

    /**
     * The embedded default: an H2 file database in {@code directory}. Commits are written through
     * ({@code WRITE_DELAY=0}) so an acknowledged transition survives a kill -9 of the JVM.
     */
    public static LedgerConfig embedded(Path directory) {
        String base = directory.toAbsolutePath().resolve("ledger").toString();
        return new LedgerConfig("jdbc:h2:file:" + base + ";WRITE_DELAY=0;LOCK_TIMEOUT=30000",
                null, new PasswordSource.None(), 4, Duration.ofSeconds(10));
    }

    /**
     * The embedded store, shareable by several processes on this machine: H2's automatic mixed mode
     * lets the first process serve the others over TCP. The embedded store has no password, so it is
     * opened only in a JVM whose H2 servers listen on the loopback interface alone
     * ({@code -Dh2.bindAddress=127.0.0.1}, which the {@code release-ledger} command sets for itself);
     * anywhere else {@link Ledger#open} refuses it. H2 has no per-server bind address (its TCP server binds
     * where that property, read once per JVM, says), so the ledger never sets it for the JVM it runs in.
     */
    public static LedgerConfig embeddedShared(Path directory) {
        LedgerConfig c = embedded(directory);
        return new LedgerConfig(c.jdbcUrl() + ";AUTO_SERVER=TRUE", c.user(), c.password(), c.maximumPoolSize(),
                c.connectionTimeout());
    }

    /**
     * Whether H2's servers in this JVM listen on the loopback interface only: H2's own reading of
     * {@code h2.bindAddress}, taken when H2 was first used in this JVM (setting the property later changes nothing).
     */
    static boolean h2ServersOnLoopbackOnly() {
        String bind = org.h2.engine.SysProperties.BIND_ADDRESS;
        if (bind == null || bind.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(bind.strip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    boolean sharesEmbeddedStore() {
        return jdbcUrl.startsWith("jdbc:h2:file:") && jdbcUrl.toUpperCase(Locale.ROOT).contains(";AUTO_SERVER=TRUE");
    }

    /** A PostgreSQL ledger, shared by any number of controllers and CLIs. */
    public static LedgerConfig postgres(String jdbcUrl, String user, PasswordSource password) {
        return new LedgerConfig(jdbcUrl, user, password, 8, Duration.ofSeconds(10));
    }

    LedgerConfig withPoolSize(int size) {
        return new LedgerConfig(jdbcUrl, user, password, size, connectionTimeout);
    }

    LedgerConfig withConnectionTimeout(Duration timeout) {
        return new LedgerConfig(jdbcUrl, user, password, maximumPoolSize, timeout);
    }

    /**
     * This store for a process that only reads it (the CLI's reading commands): an H2 file is not compacted when its
     * last connection closes ({@code MAX_COMPACT_TIME=0}) — H2 compacts for up to a second on a ledger of years, and
     * a reader should neither write nor spend its exit there. Whoever records keeps the compaction, so the file
     * stays compact. Opened with {@link Ledger#openForReading}, it falls back to the read-only store on a full disk
     * as any configuration does. Other stores are returned unchanged.
     */
    public LedgerConfig forReading() {
        if (!jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.toUpperCase(Locale.ROOT).contains(";MAX_COMPACT_TIME=")) {
            return this;
        }
        return new LedgerConfig(jdbcUrl + ";MAX_COMPACT_TIME=0", user, password, maximumPoolSize, connectionTimeout);
    }

    /** The embedded H2 store's database file name (without {@code .mv.db}), or empty for any other store. */
    java.util.Optional<Path> embeddedFile() {
        if (!jdbcUrl.startsWith("jdbc:h2:file:")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(jdbcUrl.substring("jdbc:h2:file:".length()).split(";", 2)[0]));
    }

    /**
     * The embedded store opened read-only ({@code ACCESS_MODE_DATA=r}): it writes nothing, not even a lock file,
     * so it opens on a full disk. Without the automatic server, which needs a lock file; empty for other stores.
     */
    java.util.Optional<LedgerConfig> readOnly() {
        return embeddedFile().map(file -> new LedgerConfig("jdbc:h2:file:" + file + ";ACCESS_MODE_DATA=r", user,
                password, 2, connectionTimeout)); // Flyway reads its history on a connection of its own
    }

    /** Whether this is the embedded store opened read-only. */
    boolean isReadOnly() {
        return jdbcUrl.toUpperCase(Locale.ROOT).contains(";ACCESS_MODE_DATA=R");
    }

    boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The store, as named in messages: the URL without its settings. */
    public String storeName() {
        String bare = jdbcUrl.split("[;?]", 2)[0];
        return bare.toLowerCase(Locale.ROOT).startsWith("jdbc:") ? bare : "(unnamed store)";
    }
}
