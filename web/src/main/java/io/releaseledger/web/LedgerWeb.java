package io.releaseledger.web;

import io.releaseledger.InvalidInputException;
import io.releaseledger.environment.UnknownEnvironmentException;
import io.releaseledger.ledger.HistoryFilter;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerUnavailableException;
import io.releaseledger.release.ReleaseState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ledger's read-only HTTP face, independent of any server: JSON views under {@code /api/} and
 * the static UI. A host maps GET requests onto {@link #get}.
 *
 * <p>Routes (see {@code docs/web.md}): {@code /api/dashboard},
 * {@code /api/environments/{env}/history?before=&limit=&artifact=&state=}, {@code /api/releases/{id}},
 * {@code /api/audit?since=&limit=}, {@code /api/audit/verify}, and the UI's files under {@code /}.
 * Thread-safe; one instance serves every request.
 */
public final class LedgerWeb {
    private static final Logger LOG = Logger.getLogger(LedgerWeb.class.getName());

    static final int HISTORY_DEFAULT = 50;
    static final int AUDIT_DEFAULT = 100;
    static final int MAX_LIMIT = 500;

    private static final Pattern HISTORY = Pattern.compile("/api/environments/([^/]+)/history");
    private static final Pattern RELEASE = Pattern.compile("/api/releases/([^/]+)");
    private static final String STATES = Arrays.stream(ReleaseState.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private final Ledger ledger;
    private final Views views;
    private final StaticFiles files = new StaticFiles();

    /** Serves {@code ledger}, which the caller opened and closes; one instance per ledger is enough. */
    public LedgerWeb(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.views = new Views(ledger);
    }

    /**
     * Answers a GET of {@code path} (relative to where the host mounts the console, starting with
     * {@code /}) with its decoded query parameters. Never throws for bad input: that is a 400 with a
     * JSON error naming the parameter.
     */
    public WebResponse get(String path, Map<String, String> query) {
        try {
            if (path == null || !path.startsWith("/")) {
                throw new NotFound("path", "no such page: paths start with /");
            }
            if (path.startsWith("/api/")) {
                return json(200, api(path, query));
            }
            Optional<WebResponse> file = files.get(path);
            if (file.isPresent()) {
                Params.of(query, path, Set.of("_")); // the UI's pages take no parameters; '_' is a cache-buster
                return file.get();
            }
            throw new NotFound("path", "no such page: " + Json.clip(path) + "; the console is at ./ and the API"
                    + " under ./api/ (dashboard, environments/ENV/history, releases/ID, audit, audit/verify)");
        } catch (BadRequest e) {
            return error(400, e.getMessage(), e.field());
        } catch (NotFound e) {
            return error(404, e.getMessage(), e.field());
        } catch (UnknownEnvironmentException e) {
            return error(404, e.getMessage(), "environment");
        } catch (InvalidInputException e) {
            return error(400, e.getMessage(), e.field());
        } catch (NoSuchElementException e) {
            return error(404, e.getMessage(), "id");
        } catch (LedgerUnavailableException e) {
            LOG.log(Level.WARNING, "ledger unavailable answering " + path, e);
            return error(503, e.getMessage(), null);
        } catch (RuntimeException e) {
            // The detail goes to the log for the administrator; the response never carries a stack trace.
            LOG.log(Level.SEVERE, "failed to answer GET " + path, e);
            return error(500, "internal error answering this request; the server log has the details", null);
        }
    }

    private Object api(String path, Map<String, String> query) {
        switch (path) {
            case "/api/dashboard" -> {
                Params.of(query, "dashboard", Set.of());
                return views.dashboard();
            }
            case "/api/audit" -> {
                Params p = Params.of(query, "audit", Set.of("since", "limit"));
                Long since = p.atLeast("since", 0, "a sequence number, 0 or more (0 = from the first event)");
                return views.audit(since == null ? 0 : since, p.integer("limit", 1, MAX_LIMIT, AUDIT_DEFAULT));
            }
            case "/api/audit/verify" -> {
                Params.of(query, "audit/verify", Set.of());
                return views.verify();
            }
            default -> {
                Matcher history = HISTORY.matcher(path);
                if (history.matches()) {
                    return history(history.group(1), query);
                }
                Matcher release = RELEASE.matcher(path);
                if (release.matches()) {
                    Params.of(query, "releases/{id}", Set.of());
                    return views.release(releaseId(release.group(1)));
                }
                throw new NotFound("path", "no such API route: " + Json.clip(path) + "; the API answers"
                        + " /api/dashboard, /api/environments/ENV/history, /api/releases/ID, /api/audit"
                        + " and /api/audit/verify");
            }
        }
    }

    private Object history(String environment, Map<String, String> query) {
        Params p = Params.of(query, "history", Set.of("before", "limit", "artifact", "state"));
        Long before = p.atLeast("before", 1, "a release id, 1 or more (the nextBefore of the previous page)");
        int limit = p.integer("limit", 1, MAX_LIMIT, HISTORY_DEFAULT);
        String artifact = p.text("artifact");
        ReleaseState state = state(p.text("state"));
        HistoryFilter filter;
        try {
            filter = new HistoryFilter(artifact, state);
        } catch (InvalidInputException e) {
            throw new BadRequest("artifact", e.getMessage());
        }
        return views.history(environment, filter, before, limit);
    }

    private static ReleaseState state(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return ReleaseState.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("state", "state '" + Json.clip(raw) + "' is not a release state; use one of "
                    + STATES);
        }
    }

    /**
     * Only the canonical spelling of a release id: ASCII digits without a sign or leading zeros. {@code +1},
     * {@code 01} and a fullwidth {@code １} would each name release 1 to {@link Long#parseLong}, and a URL that
     * names a release should have one spelling, as a cache, a log search or an audit reader expects.
     */
    private static long releaseId(String raw) {
        Long id = Params.canonicalNumber(raw);
        if (id != null && id > 0) {
            return id;
        }
        throw new BadRequest("id", "release id '" + Json.clip(raw) + "' is not valid; use a release number,"
                + " 1 or more, in ASCII digits without a sign or leading zeros, e.g. /api/releases/42");
    }

    private static WebResponse json(int status, Object body) {
        return new WebResponse(status, "application/json; charset=utf-8", Json.bytes(body), Headers.forJson());
    }

    /**
     * An error as every answer of this module shows one: JSON {@code {"error", "field", "status"}} with the JSON
     * headers. For hosts that answer errors of their own (a refused Host, a request the server could not parse).
     *
     * @param field the parameter or header at fault, or {@code null}
     */
    public static WebResponse errorResponse(int status, String message, String field) {
        return error(status, message, field);
    }

    private static WebResponse error(int status, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("field", field);
        body.put("status", status);
        return json(status, body);
    }

    Ledger ledger() {
        return ledger;
    }
}
