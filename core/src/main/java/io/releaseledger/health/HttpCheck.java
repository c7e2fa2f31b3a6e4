package io.releaseledger.health;

import io.releaseledger.Inputs;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Probes an HTTP(S) endpoint: healthy when the status is expected and the body, if checked, matches.
 * Redirects to the same host are followed (at most five); a redirect to another host is unhealthy.
 *
 * @param name         description shown with samples; derived from method and URL when blank
 * @param url          an {@code http} or {@code https} URL without user info
 * @param method       {@code GET} or {@code HEAD}
 * @param expectStatus statuses that count as healthy
 * @param body         what the body must satisfy, or {@code null} for status only
 * @param headers      extra request headers (not secrets: they are recorded with the check)
 * @param credentials  how to authenticate, by secret reference, or {@code null}
 * @param timeout      per-probe timeout, or {@code null} for the policy's
 */
public record HttpCheck(String name, URI url, String method, StatusSet expectStatus, BodyExpectation body,
                        Map<String, String> headers, HttpCredentials credentials, Duration timeout)
        implements HealthCheck {

    private static final Set<String> METHODS = Set.of("GET", "HEAD");
    // Headers java.net.http refuses to set, and the ones that would put a secret into the ledger.
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> SECRET_BEARING = Set.of("authorization", "proxy-authorization", "cookie");

    /** Validates every field; see the class description for what is allowed. */
    public HttpCheck {
        url = ProbeUrls.check("url", url);
        method = checkMethod(method, body);
        expectStatus = expectStatus == null ? StatusSet.successful() : expectStatus;
        headers = checkHeaders(headers);
        timeout = Inputs.positiveIfPresent("timeout", timeout, InvalidHealthCheckException.TIMEOUT_ALLOWED,
                InvalidHealthCheckException::new);
        if (name == null || name.isBlank()) name = method + " " + url;
    }

    /** A GET of {@code url} expecting any 2xx status, with the policy's timeout. */
    public static HttpCheck of(String url) {
        return new HttpCheck(null, ProbeUrls.parse("url", url), "GET", null, null, Map.of(), null, null);
    }

    /** The same check expecting the statuses in {@code statusText} (see {@link StatusSet#parse}). */
    public HttpCheck expecting(String statusText) {
        return new HttpCheck(name, url, method, StatusSet.parse(statusText), body, headers, credentials, timeout);
    }

    /** The same check with a body expectation. */
    public HttpCheck withBody(BodyExpectation expectation) {
        return new HttpCheck(name, url, method, expectStatus, expectation, headers, credentials, timeout);
    }

    /** The same check sending one more header. */
    public HttpCheck withHeader(String header, String value) {
        Map<String, String> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(headers);
        more.put(header, value);
        return new HttpCheck(name, url, method, expectStatus, body, more, credentials, timeout);
    }

    /** The same check authenticating with {@code newCredentials}. */
    public HttpCheck withCredentials(HttpCredentials newCredentials) {
        return new HttpCheck(name, url, method, expectStatus, body, headers, newCredentials, timeout);
    }

    /** The same check under another name. */
    public HttpCheck named(String newName) {
        return new HttpCheck(newName, url, method, expectStatus, body, headers, credentials, timeout);
    }

    @Override
    public HttpCheck withTimeout(Duration newTimeout) {
        return new HttpCheck(name, url, method, expectStatus, body, headers, credentials, newTimeout);
    }

    /** GET (the default) or HEAD, in upper case; HEAD only without a body to check. */
    private static String checkMethod(String text, BodyExpectation body) {
        String method = text == null ? "GET" : text.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new InvalidHealthCheckException("method", method, "use GET or HEAD: a health probe must not change state");
        }
        if (body != null && method.equals("HEAD")) {
            throw new InvalidHealthCheckException("method", method, "a HEAD response has no body to check; use GET");
        }
        return method;
    }

    private static Map<String, String> checkHeaders(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers == null) return java.util.Collections.unmodifiableMap(out);
        for (Map.Entry<String, String> e : headers.entrySet()) {
            String key = e.getKey();
            if (key == null || !key.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new InvalidHealthCheckException("headers", key, "a header name is a token of letters, digits and !#$%&'*+.^_`|~-");
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (SECRET_BEARING.contains(lower)) {
                throw new InvalidHealthCheckException("headers", key,
                        "do not put " + key + " in headers, it would be recorded in the ledger; use credentials (a secret reference)");
            }
            if (RESTRICTED.contains(lower)) {
                throw new InvalidHealthCheckException("headers", key, "the HTTP client sets " + key + " itself; remove it");
            }
            String value = e.getValue();
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new InvalidHealthCheckException("headers." + key, value, "a header value is one line of text");
            }
            out.put(key, value);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
