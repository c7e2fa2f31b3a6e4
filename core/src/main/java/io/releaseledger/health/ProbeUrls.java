package io.releaseledger.health;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/** What a probed URL may be, for HTTP checks and Prometheus servers alike. */
final class ProbeUrls {
    private ProbeUrls() {}

    /** Parses URL text for {@code field}, refusing anything but absolute http(s) URLs. */
    static URI parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidHealthCheckException(field, text, "give an http:// or https:// URL, e.g. https://staging.example.com/health");
        }
        try {
            return check(field, new URI(text.strip()));
        } catch (URISyntaxException e) {
            throw new InvalidHealthCheckException(field, text, "not a URL (" + e.getReason() + " at index " + e.getIndex()
                    + "); give an http:// or https:// URL, e.g. https://staging.example.com/health");
        }
    }

    /** {@code url} for {@code field}, refused unless it is an absolute http(s) URL with a host and no user info. */
    static URI check(String field, URI url) {
        Objects.requireNonNull(url, field);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidHealthCheckException(field, url, "only http:// and https:// URLs can be probed");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new InvalidHealthCheckException(field, url, "the URL has no host name; write e.g. https://staging.example.com/health");
        }
        if (url.getRawUserInfo() != null) {
            // Userinfo would travel into every log line and ledger entry that shows the check.
            throw new InvalidHealthCheckException(field, url.getScheme() + "://…@" + url.getHost(),
                    "remove the user info from the URL and use credentials (a secret reference) instead");
        }
        return url;
    }
}
