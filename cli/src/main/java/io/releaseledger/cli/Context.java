package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.config.LedgerSettings;
import io.releaseledger.config.ReleaseLedgerYaml;
import io.releaseledger.config.ReleaseLedgerFile;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.ClockSkew;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.PasswordSource;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a command works with: the configuration file, the ledger (opened on first use, closed at the
 * end), who is acting, and where output goes. One per command run.
 */
public final class Context implements AutoCloseable {
    static final String CONFIG_VARIABLE = "RELEASE_LEDGER_CONFIG";
    static final String HOME_VARIABLE = "RELEASE_LEDGER_HOME";
    static final String DEFAULT_CONFIG = "release-ledger.yaml";
    static final String DEFAULT_HOME = ".release-ledger";

    private final CommonOptions options;
    private final Launcher launcher;
    private final boolean readsOnly;
    private final Output output;
    private ReleaseLedgerFile file;
    private boolean fileLoaded;
    private Ledger ledger;
    private SecretMask mask = SecretMask.none();

    Context(CommonOptions options, Launcher launcher, boolean readsOnly) {
        this.options = options;
        this.launcher = launcher;
        this.readsOnly = readsOnly;
        this.output = new Output(launcher.out(), launcher.err(), options.json, launcher.terminal());
    }

    /** Where people-facing and JSON output goes. */
    public Output output() {
        return output;
    }

    /** The process environment (a test substitutes its own). */
    public Map<String, String> environment() {
        return launcher.environment();
    }

    /** The directory relative paths are resolved against. */
    public Path workingDirectory() {
        return launcher.workingDirectory();
    }

    /** Whether {@code --json} was given. */
    public boolean json() {
        return options.json;
    }

    /** Masks every secret this command resolved; applied to error messages too. */
    public SecretMask mask() {
        return mask;
    }

    void mask(SecretMask mask) {
        this.mask = mask;
    }

    /**
     * The config file: {@code --config}, else {@code $RELEASE_LEDGER_CONFIG}, else
     * {@code ./release-ledger.yaml}. The first two must exist; the default may be absent.
     */
    public Optional<ReleaseLedgerFile> configFile() {
        if (!fileLoaded) {
            fileLoaded = true;
            Path explicit = options.config;
            String field = "--config";
            if (explicit == null && environment().get(CONFIG_VARIABLE) != null && !environment().get(CONFIG_VARIABLE).isBlank()) {
                explicit = Path.of(environment().get(CONFIG_VARIABLE));
                field = CONFIG_VARIABLE;
            }
            Path path = configPath();
            if (explicit == null && !Files.exists(path)) {
                return Optional.empty();
            }
            try {
                file = ReleaseLedgerYaml.load(path);
            } catch (NoSuchFileException e) {
                throw new InvalidInputException(field, path.toString(),
                        "the file does not exist; give an existing release-ledger.yaml, or create one with release-ledger init");
            } catch (IOException e) {
                throw new InvalidInputException(field, path.toString(), "the file cannot be read ("
                        + e.getClass().getSimpleName() + "); check its permissions");
            }
        }
        return Optional.ofNullable(file);
    }

    /** Where the config file is: {@code --config}, else {@code $RELEASE_LEDGER_CONFIG}, else ./release-ledger.yaml. */
    Path configPath() {
        Path explicit = options.config;
        String fromEnv = environment().get(CONFIG_VARIABLE);
        if (explicit == null && fromEnv != null && !fromEnv.isBlank()) {
            explicit = Path.of(fromEnv);
        }
        return workingDirectory().resolve(explicit != null ? explicit : Path.of(DEFAULT_CONFIG));
    }

    /** The configured environments; empty without a config file. */
    public EnvironmentConfig environments() {
        return configFile().map(ReleaseLedgerFile::environments).orElseGet(() -> new EnvironmentConfig(List.of()));
    }

    /** The configured environments, refusing to go on without any (deploy, approve, rollback need their policies). */
    public EnvironmentConfig requireEnvironments() {
        EnvironmentConfig config = environments();
        if (config.environments().isEmpty()) {
            throw InvalidInputException.withoutValue("environments", "no environments are configured (looked for "
                    + describeConfigLocation() + "); create release-ledger.yaml with release-ledger init, or point"
                    + " --config or $" + CONFIG_VARIABLE + " at one");
        }
        return config;
    }

    private String describeConfigLocation() {
        return options.config != null ? options.config.toString()
                : environment().getOrDefault(CONFIG_VARIABLE, "./" + DEFAULT_CONFIG);
    }

    /** The ledger, opened on first use: the config's {@code ledger:} store, else the embedded one under home. */
    public Ledger ledger() {
        if (ledger == null) {
            LedgerConfig config = ledgerConfig();
            // A missing password variable or file is the user's to fix (exit 2), not an unreachable store (6).
            config.password().read();
            // A reading command's ledger may already be open (LedgerPrefetch). On a full disk the embedded ledger
            // opens read-only: the person responding can still read it.
            ledger = LedgerPrefetch.take(config).orElseGet(() -> Ledger.openForReading(config));
            if (ledger.readOnlyBecause() != null) {
                output.error("release-ledger: warning: the ledger " + ledger.store() + " could not be opened for"
                        + " writing (" + mask.mask(ledger.readOnlyBecause()) + "), so it is open read-only: reading"
                        + " works, anything that records (deploy, rollback, approve, register) fails until that is fixed");
            } else {
                warnOfClockSkew(ledger);
            }
        }
        return ledger;
    }

    /**
     * The ledger when there is one to read: a configured store always, the embedded one only once something was
     * recorded in it. Reading never writes: opening an embedded store that does not exist would create it (and the
     * directory), so read commands in an empty folder leave it empty.
     */
    public Optional<Ledger> existingLedger() {
        if (ledger == null && configFile().flatMap(ReleaseLedgerFile::ledger).isEmpty()
                && !Files.exists(home().resolve("ledger.mv.db"))) {
            return Optional.empty();
        }
        return Optional.of(ledger());
    }

    /** Says that the embedded store has nothing yet, and where it was looked for. */
    String noLedgerYet() {
        return "nothing has been recorded yet: there is no ledger at " + home() + " (deploy and register create it;"
                + " --home, $" + HOME_VARIABLE + " or the config's ledger: name another)";
    }

    /**
     * One line on standard error when this machine's clock is far from the ledger database's: the ledger keeps
     * time by the database, but a person reading times here, and the checks this tool times, should know.
     */
    private void warnOfClockSkew(Ledger opened) {
        ClockSkew skew = opened.measureClockSkew();
        if (skew.exceeds(ClockSkew.WARN_ABOVE)) {
            output.error("release-ledger: warning: " + skew.describe());
        }
    }

    /**
     * The store this command uses: the config's {@code ledger:}, else the embedded one under home; for a command that
     * only reads, {@linkplain LedgerConfig#forReading() as a reader}. Opened by {@link #ledger()} with
     * {@link Ledger#openForReading}, which opens a full disk's embedded store read-only: one way in for every command.
     */
    LedgerConfig ledgerConfig() {
        Optional<LedgerSettings> settings = configFile().flatMap(ReleaseLedgerFile::ledger);
        LedgerConfig config;
        if (settings.isPresent()) {
            LedgerSettings s = settings.get();
            PasswordSource password = s.passwordEnv() != null ? new PasswordSource.FromEnvironment(s.passwordEnv(), environment())
                    : s.passwordFile() != null ? new PasswordSource.FromFile(s.passwordFile())
                    : new PasswordSource.None();
            config = s.url().startsWith("jdbc:postgresql:") ? LedgerConfig.postgres(s.url(), s.user(), password)
                    : new LedgerConfig(s.url(), s.user(), password, 4, java.time.Duration.ofSeconds(10));
        } else {
            config = embedded(home());
        }
        return readsOnly ? config.forReading() : config;
    }

    /**
     * The embedded store, shareable by several processes on this machine: H2's automatic mixed mode
     * lets {@code serve} run while {@code deploy} does, and two deploys meet at the lease instead of
     * one failing on H2's file lock.
     */
    static LedgerConfig embedded(Path directory) {
        return LedgerConfig.embeddedShared(directory);
    }

    /** Where the embedded ledger lives: {@code --home}, {@code $RELEASE_LEDGER_HOME}, or {@code ./.release-ledger}. */
    public Path home() {
        if (options.home != null) {
            return workingDirectory().resolve(options.home);
        }
        String fromEnv = environment().get(HOME_VARIABLE);
        return workingDirectory().resolve(fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_HOME);
    }

    /**
     * Records what the views already show: releases whose owner is gone (its lease expired and the grace passed, or
     * its process on this machine exited) become INTERRUPTED, their leases freed; an owner seen exited for the first
     * time is noted, to be freed once its body has had time to stop. Reading never writes, so only commands that
     * write call this, first (docs/release-engine.md, "A dead owner's release").
     */
    void settleLostOwners(Actor actor) {
        for (long id : existingLedger().map(l -> l.expireLeases(actor)).orElse(List.of())) {
            output.info("release " + id + " is now recorded INTERRUPTED: its owner is gone (its lease expired, or its"
                    + " process exited)");
        }
    }

    /** Someone acting from this host: {@code name}, or the operating-system user when {@code null}. */
    public Actor actor(String name) {
        String who = name != null ? name : System.getProperty("user.name", "unknown");
        return new Actor(who, origin());
    }

    /** Where ledger events from this tool say they came from. */
    public static String origin() {
        return "release-ledger on " + hostName();
    }

    static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        }
        return host;
    }

    /** The lease holder name for this process: who other deployers see they are waiting for. */
    public String owner(String user) {
        return user + "@" + hostName() + " (release-ledger pid " + ProcessHandle.current().pid() + ")";
    }

    @Override
    public void close() {
        if (ledger != null) {
            ledger.close();
            ledger = null;
        }
    }
}
