package io.releaseledger.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/** A webhook receiver's address: what it may be, and how logs and errors show it without its secrets. */
final class WebhookUrls {
    private WebhookUrls() {}

    /** The URL as logs name it: {@code scheme://host[:port]}, as chat webhook addresses carry a token in the path. */
    static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    /**
     * {@code url} as a receiver's address: an absolute http or https URL with a host and without credentials in it.
     *
     * @throws WebhookConfigurationException (field {@code url}) naming what is wrong, never the credentials
     */
    static URI valid(String url) {
        String fix = "; give the full http:// or https:// address of the receiver, e.g. https://hooks.example.com/release-ledger";
        if (url == null || url.isBlank()) {
            throw new WebhookConfigurationException("url", "url is missing" + fix);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new WebhookConfigurationException("url", "url '" + shown(url) + "' is not a valid URL ("
                    + e.getReason() + " at index " + e.getIndex() + ")" + fix);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new WebhookConfigurationException("url", "url '" + shown(uri) + "' is not an http or https URL"
                    + (scheme == null ? "" : " (its scheme is " + scheme + ")") + fix);
        }
        if (uri.getRawUserInfo() != null) {
            throw new WebhookConfigurationException("url", "url '" + shown(uri) + "' carries credentials before the"
                    + " host; remove them from the url and pass them with secretHeader, which is never logged");
        }
        if (uri.getHost() == null) {
            throw new WebhookConfigurationException("url", "url '" + shown(uri) + "' has no host" + fix);
        }
        return uri;
    }

    /** The url for an error message, without the parts that may hold a credential. */
    private static String shown(URI uri) {
        if (uri.isOpaque()) {
            return shown(uri.toString());
        }
        StringBuilder shown = new StringBuilder();
        if (uri.getScheme() != null) {
            shown.append(uri.getScheme()).append(':');
        }
        String authority = uri.getRawAuthority();
        if (authority != null) {
            int at = authority.lastIndexOf('@');
            shown.append("//").append(at >= 0 ? "****@" + authority.substring(at + 1) : authority);
        }
        shown.append(Objects.toString(uri.getRawPath(), ""));
        if (uri.getRawQuery() != null) {
            shown.append("?****");
        }
        return shown(shown.toString());
    }

    private static String shown(String raw) {
        String trimmed = raw.strip();
        return trimmed.length() <= 200 ? trimmed : trimmed.substring(0, 200) + "…";
    }
}
