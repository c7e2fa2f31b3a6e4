package io.releaseledger.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The HTTP and Prometheus probes: one shared client, manual redirects, bounded bodies. What the answers mean is
 * {@link HttpAnswers}' and {@link PrometheusAnswers}' to say.
 */
final class HttpProbes {
    static final int MAX_REDIRECTS = 5;
    static final int BODY_LIMIT = 1 << 20;
    private static final String USER_AGENT = "release-ledger-health-probe";

    private final HttpClient client;
    private final SecretResolver secrets;

    HttpProbes(HttpClient client, SecretResolver secrets) {
        this.client = client;
        this.secrets = secrets;
    }

    // ---- HTTP check ----

    Finding probe(HttpCheck c, Duration timeout, long deadline) {
        String authorization;
        try {
            authorization = authorization(c.credentials());
        } catch (RuntimeException e) {
            return Finding.inconclusive("could not resolve credentials: " + describe(e), null);
        }
        URI current = c.url();
        for (int hop = 0; ; hop++) {
            HttpResponse<BoundedBody.Content> response;
            try {
                response = send(request(current, c.method(), c.headers(), authorization, deadline), deadline);
            } catch (TimeoutException e) {
                return Finding.timedOut(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Finding.inconclusive("probe interrupted", null);
            } catch (IOException e) {
                return Finding.unhealthy(describeFailure(current, e), null, null);
            }
            int status = response.statusCode();
            if (isRedirect(status) && !c.expectStatus().contains(status)) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    return Finding.unhealthy("status " + status + " redirect without a Location header", String.valueOf(status), null);
                }
                URI target;
                try {
                    target = current.resolve(location.get().strip());
                } catch (IllegalArgumentException e) {
                    return Finding.unhealthy("status " + status + " redirect to an invalid Location", String.valueOf(status), null);
                }
                if (!sameHost(current, target)) {
                    return Finding.unhealthy("redirected to another host: status " + status + " from " + current.getHost()
                            + " to " + withoutQuery(target) + " (probes only follow redirects on the checked host)",
                            String.valueOf(status), null);
                }
                if (hop == MAX_REDIRECTS) {
                    return Finding.unhealthy("more than " + MAX_REDIRECTS + " redirects, last to " + withoutQuery(target),
                            String.valueOf(status), null);
                }
                current = target;
                continue;
            }
            return HttpAnswers.judge(c, status, response.body());
        }
    }

    // ---- Prometheus check ----

    Finding probe(PrometheusCheck c, Duration timeout, long deadline) {
        String authorization;
        try {
            authorization = authorization(c.credentials());
        } catch (RuntimeException e) {
            return Finding.inconclusive("could not resolve credentials: " + describe(e), null);
        }
        URI uri = queryUri(c);
        HttpResponse<BoundedBody.Content> response;
        try {
            response = send(request(uri, "GET", Map.of("Accept", "application/json"), authorization, deadline), deadline);
        } catch (TimeoutException e) {
            return Finding.timedOut(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.inconclusive("probe interrupted", null);
        } catch (IOException e) {
            // Prometheus being down says nothing about the release itself.
            return Finding.inconclusive("Prometheus " + describeFailure(uri, e), null);
        }
        return PrometheusAnswers.judge(c, response.statusCode(), response.body());
    }

    static URI queryUri(PrometheusCheck c) {
        String base = c.server().toString();
        if (!base.endsWith("/")) base += "/";
        return URI.create(base + "api/v1/query?query=" + URLEncoder.encode(c.query().strip(), StandardCharsets.UTF_8));
    }

    // ---- shared ----

    private HttpRequest request(URI uri, String method, Map<String, String> headers, String authorization, long deadline)
            throws TimeoutException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) throw new TimeoutException();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofNanos(remaining))
                .header("User-Agent", USER_AGENT);
        headers.forEach(b::header);
        if (authorization != null) b.header("Authorization", authorization);
        return b.build();
    }

    private HttpResponse<BoundedBody.Content> send(HttpRequest request, long deadline)
            throws IOException, TimeoutException, InterruptedException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) throw new TimeoutException();
        CompletableFuture<HttpResponse<BoundedBody.Content>> future = client.sendAsync(request, BoundedBody.handler(BODY_LIMIT));
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true); // aborts the exchange, so a hanging server does not hold a connection
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) throw new TimeoutException();
            if (cause instanceof IOException io) throw io;
            throw new IOException(cause);
        }
    }

    /** The Authorization header value for {@code credentials}, resolving and wiping the secret. */
    private String authorization(HttpCredentials credentials) {
        if (credentials == null) return null;
        if (credentials instanceof HttpCredentials.Bearer bearer) {
            char[] token = secrets.resolve(bearer.tokenRef());
            try {
                return "Bearer " + new String(token);
            } finally {
                Arrays.fill(token, '\0');
            }
        }
        HttpCredentials.Basic basic = (HttpCredentials.Basic) credentials;
        char[] password = secrets.resolve(basic.passwordRef());
        char[] pair = new char[basic.username().length() + 1 + password.length];
        ByteBuffer bytes = null;
        try {
            basic.username().getChars(0, basic.username().length(), pair, 0);
            pair[basic.username().length()] = ':';
            System.arraycopy(password, 0, pair, basic.username().length() + 1, password.length);
            bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pair));
            byte[] raw = new byte[bytes.remaining()];
            bytes.get(raw);
            String header = "Basic " + Base64.getEncoder().encodeToString(raw);
            Arrays.fill(raw, (byte) 0);
            return header;
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(pair, '\0');
            if (bytes != null && bytes.hasArray()) Arrays.fill(bytes.array(), (byte) 0);
        }
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Same host name, and never a downgrade from https to http (credentials would travel in clear). */
    static boolean sameHost(URI from, URI to) {
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return false;
        if (to.getHost() == null || !to.getHost().equalsIgnoreCase(from.getHost())) return false;
        return !(from.getScheme().equalsIgnoreCase("https") && scheme.equals("http"));
    }

    // Query strings may carry tokens, so reasons show a URL without them.
    private static String withoutQuery(URI uri) {
        String s = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return uri.getRawQuery() == null ? s : s + "?…";
    }

    private static String describeFailure(URI uri, IOException e) {
        String target = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        if (e instanceof ConnectException) return "could not connect to " + target + " (connection refused or unreachable)";
        if (e instanceof SSLException) return "TLS with " + target + " failed: " + e.getMessage();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return "request to " + target + " failed: " + message;
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
