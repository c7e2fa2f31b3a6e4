package io.releaseledger.notify;

import io.releaseledger.HttpClients;
import io.releaseledger.internal.Backoff;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Posts each {@link Notification} as JSON to an HTTP(S) endpoint.
 *
 * <p>Delivery is at least once: connection failures, timeouts, HTTP 5xx and 429 are retried after an
 * exponential, jittered {@link Backoff} (or the {@code Retry-After} asked for, up to the backoff cap), up to the
 * configured number of attempts; every attempt of one notification carries the same {@code X-Release-Ledger-Delivery} id so a
 * receiver can drop duplicates. Other 4xx answers are not retried, as repeating the request would not change
 * them, and redirects are never followed. Whatever happens, {@link #notify} logs and returns.
 *
 * <p>Logs name the endpoint by its origin only ({@code https://host:port}): chat webhook addresses carry
 * their token in the path. The secret header's value is never logged.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookNotifier implements Notifier {

    private static final Logger LOG = System.getLogger(WebhookNotifier.class.getName());
    // Set by Release Ledger or by the HTTP client itself, which refuses them from callers.
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("content-type", "user-agent", "connection", "content-length", "expect", "host", "upgrade");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final URI url;
    private final String origin;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Backoff backoff;
    private final String secretHeaderName;
    private final Supplier<String> secretHeaderValue;
    private final SecretMask mask;
    private final HttpClient client;

    private WebhookNotifier(Builder b) {
        this.url = b.url;
        this.origin = WebhookUrls.origin(b.url);
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
        this.secretHeaderName = b.secretHeaderName;
        this.secretHeaderValue = b.secretHeaderValue;
        this.mask = b.mask;
        this.client = b.http.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1) // small bodies; avoids h2c upgrade surprises with plain http
                .build();
    }

    /**
     * Starts configuring a webhook to {@code url}.
     *
     * @throws WebhookConfigurationException (field {@code url}) unless {@code url} is an absolute http or
     *                                       https URL with a host and without credentials in it
     */
    public static Builder builder(String url) {
        return new Builder(WebhookUrls.valid(url));
    }

    /** What a secret header's name may be, in words, for error messages. */
    public static final String HEADER_NAME_ALLOWED = "an HTTP header name such as Authorization (letters, digits and"
            + " !#$%&'*+.^_`|~-), not one Release Ledger or the HTTP client sets (Content-Type, User-Agent, Host,"
            + " X-Release-Ledger-*, ...)";

    /**
     * What is wrong with {@code name} as the name of a {@linkplain Builder#secretHeader secret header}, e.g.
     * {@code "is not a valid HTTP header name"}; empty when it may be one. The one place this rule lives.
     */
    public static Optional<String> headerNameProblem(String name) {
        if (name == null || !HEADER_NAME.matcher(name).matches()) {
            return Optional.of("is not a valid HTTP header name");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESTRICTED_HEADERS.contains(lower) || lower.startsWith("x-release-ledger-")) {
            return Optional.of("is set by Release Ledger or the HTTP client itself");
        }
        return Optional.empty();
    }

    /** Posts {@code notification}, retrying as configured; logs a failure and returns, never throws. */
    @Override
    public void notify(Notification notification) {
        try {
            deliver(notification);
        } catch (RuntimeException e) {
            // A bug here must not become a failed release: say so loudly in the log, and carry on.
            LOG.log(Level.ERROR, "Release Ledger webhook to " + origin + " failed unexpectedly; the notification"
                    + " was not delivered. The release is not affected.", e);
        }
    }

    private void deliver(Notification notification) {
        String what = notification.kind().event() + " for " + notification.environment() + " release "
                + notification.releaseId();
        Optional<HttpRequest> request = request(notification, what);
        if (request.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            Optional<Failure> failed = attempt(request.get(), what);
            if (failed.isEmpty()) {
                return;
            }
            Failure failure = failed.get();
            if (attempt >= maxAttempts) {
                LOG.log(Level.WARNING, "Release Ledger webhook to " + origin + ": " + what + " not delivered after "
                        + attempt + (attempt == 1 ? " attempt" : " attempts") + " (last: " + failure.reason() + ")."
                        + " The release is not affected; check that the receiver is up and reachable from here.");
                return;
            }
            int tried = attempt;
            Duration wait = failure.retryAfter().map(asked -> min(asked, backoff.max()))
                    .orElseGet(() -> backoff.delay(tried));
            LOG.log(Level.INFO, () -> "Release Ledger webhook to " + origin + ": " + what + " attempt " + tried + " of "
                    + maxAttempts + " failed (" + failure.reason() + "); retrying in " + wait.toMillis() + " ms");
            if (!Backoff.sleep(wait)) {
                LOG.log(Level.WARNING, "Release Ledger webhook to " + origin + ": " + what
                        + " not delivered: interrupted while waiting to retry");
                return;
            }
        }
    }

    /** Why an attempt failed in a way worth retrying, and how long the receiver asked us to wait, if it did. */
    private record Failure(String reason, Optional<Duration> retryAfter) {
        Failure(String reason) {
            this(reason, Optional.empty());
        }
    }

    /**
     * Sends {@code request} once. Empty when the notification is settled: delivered, refused for good (a 4xx other
     * than 429, or a redirect) or interrupted, each logged here; otherwise why it failed.
     */
    private Optional<Failure> attempt(HttpRequest request, String what) {
        try {
            HttpResponse<Void> response = send(request);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                LOG.log(Level.DEBUG, () -> "Release Ledger webhook to " + origin + ": " + what + " delivered");
                return Optional.empty();
            }
            if (status < 500 && status != 429) {
                LOG.log(Level.WARNING, "Release Ledger webhook to " + origin + ": " + what + " refused with HTTP "
                        + status + (status >= 300 && status < 400 ? " (a redirect; webhooks never follow redirects:"
                        + " configure the final address)" : "") + "; not retried, as the same request would be"
                        + " refused again. Check the webhook url and credentials. The release is not affected.");
                return Optional.empty();
            }
            OptionalLong retryAfter = retryAfterSeconds(response);
            return Optional.of(new Failure("HTTP " + status, retryAfter.isPresent()
                    ? Optional.of(Duration.ofSeconds(retryAfter.getAsLong())) : Optional.empty()));
        } catch (HttpConnectTimeoutException e) {
            return Optional.of(new Failure("could not connect within the connect timeout"));
        } catch (HttpTimeoutException | TimeoutException e) {
            return Optional.of(new Failure("no answer within " + requestTimeout.toMillis() + " ms"));
        } catch (ConnectException e) {
            return Optional.of(new Failure("could not connect: "
                    + (e.getMessage() == null ? "connection refused or unreachable" : e.getMessage())));
        } catch (IOException e) {
            return Optional.of(new Failure(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "Release Ledger webhook to " + origin + ": " + what
                    + " not delivered: interrupted while sending");
            return Optional.empty();
        }
    }

    private Optional<HttpRequest> request(Notification notification, String what) {
        String body = WebhookPayload.json(notification, mask);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "release-ledger")
                .header("X-Release-Ledger-Event", notification.kind().event())
                .header("X-Release-Ledger-Delivery", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (secretHeaderName != null) {
            String value;
            try {
                value = secretHeaderValue.get();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Release Ledger webhook to " + origin + ": " + what + " not delivered: the value"
                        + " of header " + secretHeaderName + " could not be obtained. The release is not affected.", e);
                return Optional.empty();
            }
            // Checked here so the JDK's own error, which could quote the value, is never raised.
            if (!validHeaderValue(value)) {
                LOG.log(Level.WARNING, "Release Ledger webhook to " + origin + ": " + what + " not delivered: the value"
                        + " of header " + secretHeaderName + " is empty or contains a line break or another control"
                        + " character; check the credential it comes from. The release is not affected.");
                return Optional.empty();
            }
            request.header(secretHeaderName, value);
        }
        return Optional.of(request.build());
    }

    private static boolean validHeaderValue(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse<Void> send(HttpRequest request)
            throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<HttpResponse<Void>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // The request timeout covers the wait for the headers only; this also bounds a body that trickles forever.
            Duration bound = connectTimeout.plus(requestTimeout.multipliedBy(2));
            return response.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } finally {
            response.cancel(true);
        }
    }

    private static OptionalLong retryAfterSeconds(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long seconds = Long.parseLong(header.get().trim());
            return seconds >= 0 ? OptionalLong.of(seconds) : OptionalLong.empty();
        } catch (NumberFormatException httpDate) {
            return OptionalLong.empty(); // the HTTP-date form is rare for webhooks; the backoff applies instead
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "WebhookNotifier[" + origin + ", " + maxAttempts + " attempts]";
    }

    /** Configures a {@link WebhookNotifier}; every setter checks its value at once and names it if wrong. */
    public static final class Builder {
        private final URI url;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private String secretHeaderName;
        private Supplier<String> secretHeaderValue;
        private SecretMask mask = SecretMask.none();
        private HttpClients http = HttpClients.JVM_DEFAULT;

        private Builder(URI url) {
            this.url = url;
        }

        /** How long to wait for a connection; default 5 seconds. */
        Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** How long to wait for the answer to one attempt; default 10 seconds. */
        Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /** How many times to try one notification, first attempt included, 1 to 10; default 3. */
        Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new WebhookConfigurationException("maxAttempts", "maxAttempts is " + attempts
                        + "; use 1 (no retry) to 10");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * The wait before the first retry, doubled for each next one up to {@code max}, each spread at random over half
         * to one and a half times itself (see {@link Backoff}); default 1 s and 30 s.
         */
        Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = positive("backoff", initial);
            this.maxBackoff = positive("backoff", max);
            if (max.compareTo(initial) < 0) {
                throw new WebhookConfigurationException("backoff", "backoff maximum " + max
                        + " is shorter than its initial wait " + initial + "; give a maximum at least as long");
            }
            return this;
        }

        /**
         * A header whose value is a secret, e.g. {@code ("Authorization", () -> "Bearer " + token)}. The value
         * is obtained for each notification, so a rotated credential is picked up, and is never logged.
         */
        public Builder secretHeader(String name, Supplier<String> value) {
            Optional<String> problem = headerNameProblem(name);
            if (problem.isPresent()) {
                throw new WebhookConfigurationException("secretHeader", "secretHeader name '" + name + "' "
                        + problem.get() + "; use " + HEADER_NAME_ALLOWED);
            }
            this.secretHeaderName = name;
            this.secretHeaderValue = Objects.requireNonNull(value, "secretHeader value supplier");
            return this;
        }

        /** Secrets to mask in the body before it leaves, e.g. the deploy's bound secrets; default none. */
        public Builder mask(SecretMask mask) {
            this.mask = Objects.requireNonNull(mask, "mask");
            return this;
        }

        /** Where the client comes from: the host's proxy settings; the JVM's own by default. */
        public Builder httpClients(HttpClients clients) {
            this.http = Objects.requireNonNull(clients, "clients");
            return this;
        }

        /** The notifier. */
        public WebhookNotifier build() {
            return new WebhookNotifier(this);
        }

        private static Duration positive(String field, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new WebhookConfigurationException(field, field + " is " + value
                        + "; give a positive duration such as PT5S (5 seconds)");
            }
            return value;
        }
    }
}
