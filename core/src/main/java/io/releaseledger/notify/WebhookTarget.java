package io.releaseledger.notify;

import io.releaseledger.secrets.SecretReference;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One webhook to notify, as configured under {@code notifications.webhooks} in {@code release-ledger.yaml}:
 * where its URL and its optional secret header's value are kept, and which events it wants. Only
 * references are held ({@code env:NAME}, {@code file:/path}), never the values, because a chat webhook's
 * URL carries its token; so a target can be stored and shown. Whoever sends resolves them.
 *
 * @param url    a {@link SecretReference} to the URL, e.g. {@code env:CHAT_WEBHOOK_URL}
 * @param header the secret header to send, if any
 * @param events the kinds of notification to send; never empty
 */
public record WebhookTarget(String url, Optional<Header> header, Set<Notification.Kind> events) {

    /**
     * A header whose value is a secret, e.g. {@code Authorization}.
     *
     * @param name  the HTTP header name
     * @param value a {@link SecretReference} to the header's whole value, e.g. {@code file:/run/secrets/hook-auth}
     */
    public record Header(String name, String value) {
        /** @throws WebhookConfigurationException naming the field; never quoting the value */
        public Header {
            Optional<String> problem = WebhookNotifier.headerNameProblem(name);
            if (problem.isPresent()) {
                throw new WebhookConfigurationException("header.name", "header.name " + problem.get() + "; use "
                        + WebhookNotifier.HEADER_NAME_ALLOWED);
            }
            requireReference("header.value", value);
        }
    }

    /** @throws WebhookConfigurationException naming the field; never quoting a reference */
    public WebhookTarget {
        requireReference("url", url);
        Objects.requireNonNull(header, "header: pass Optional.empty() for none");
        if (events == null || events.isEmpty()) {
            throw new WebhookConfigurationException("events", "events is empty; give at least one kind, or all of them");
        }
        events = Collections.unmodifiableSet(EnumSet.copyOf(events));
    }

    /** A webhook for every kind of notification, without a secret header. */
    static WebhookTarget of(String url) {
        return new WebhookTarget(url, Optional.empty(), EnumSet.allOf(Notification.Kind.class));
    }

    /** Whether notifications of {@code kind} go to this webhook. */
    public boolean wants(Notification.Kind kind) {
        return events.contains(kind);
    }

    private static void requireReference(String field, String reference) {
        Optional<String> problem = SecretReference.problem(reference);
        if (problem.isPresent()) {
            throw new WebhookConfigurationException(field, field + ": " + problem.get() + "; give "
                    + SecretReference.ALLOWED);
        }
    }
}
