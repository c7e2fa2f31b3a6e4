package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.notify.Notification;
import io.releaseledger.notify.Notifier;
import io.releaseledger.notify.WebhookConfigurationException;
import io.releaseledger.notify.WebhookNotifier;
import io.releaseledger.notify.WebhookTarget;
import io.releaseledger.secrets.SecretBinding;
import io.releaseledger.secrets.SecretMask;
import io.releaseledger.secrets.SecretReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The config file's {@code notifications.webhooks}, made ready for one deploy or rollback. Everything is
 * read and checked before the engine records anything, so a missing variable or a value that is no URL
 * stops the command with exit 2 (the same rule as credential bindings). Resolved values are secrets: they
 * are masked, and no error here repeats them.
 */
final class Webhooks {
    private Webhooks() {}

    /**
     * One webhook with its secrets read.
     *
     * @param field  where it is configured, e.g. {@code notifications.webhooks[0]}
     * @param target the configured references and events
     * @param url    the URL read from {@code target.url()}
     * @param header the header value read from {@code target.header()}, if there is one
     */
    record Resolved(String field, WebhookTarget target, String url, Optional<String> header) {
        @Override
        public String toString() {
            return "Resolved[" + field + ", " + target + "]"; // never the values
        }
    }

    /** Reads every webhook's URL and header value now. */
    static List<Resolved> resolve(List<WebhookTarget> targets, Map<String, String> environment) {
        List<Resolved> resolved = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            WebhookTarget target = targets.get(i);
            String field = "notifications.webhooks[" + i + "]";
            String url = read(field + ".url", target.url(), environment);
            Optional<String> header = target.header().map(h -> read(field + ".header.value", h.value(), environment));
            resolved.add(new Resolved(field, target, url, header));
        }
        return resolved;
    }

    /** The resolved values, for the deploy's mask: a URL's token must not show where a credential would not. */
    static Map<SecretBinding, String> secrets(List<Resolved> webhooks) {
        Map<SecretBinding, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < webhooks.size(); i++) {
            Resolved webhook = webhooks.get(i);
            int n = i + 1;
            secrets.put(new SecretBinding("WEBHOOK_URL_" + n, webhook.target().url()), webhook.url());
            webhook.header().ifPresent(value -> secrets.put(new SecretBinding("WEBHOOK_HEADER_" + n,
                    webhook.target().header().orElseThrow().value()), value));
        }
        return secrets;
    }

    /**
     * The environment variables the webhooks are read from: withheld from the deploy command, which has no
     * business posting to the team's chat or pager behind the engine's back.
     */
    static Set<String> variables(List<Resolved> webhooks) {
        Set<String> names = new LinkedHashSet<>();
        for (Resolved webhook : webhooks) {
            variable(webhook.target().url()).ifPresent(names::add);
            webhook.target().header().flatMap(h -> variable(h.value())).ifPresent(names::add);
        }
        return names;
    }

    private static Optional<String> variable(String reference) {
        SecretReference parsed = SecretReference.parse("webhook", reference); // checked when the file was read
        return parsed.kind() == SecretReference.Kind.ENV ? Optional.of(parsed.target()) : Optional.empty();
    }

    private static String read(String field, String reference, Map<String, String> environment) {
        return SecretReference.parse(field, reference).read(field, environment);
    }

    /**
     * One notifier for all webhooks: each notification goes to every webhook whose {@code events} include
     * it, its texts masked with {@code mask}.
     *
     * @throws InvalidInputException when a URL read is not an http(s) URL; the message names where it was read
     *                               from, never the value
     */
    static Notifier notifier(List<Resolved> webhooks, SecretMask mask) {
        List<Route> routes = new ArrayList<>();
        for (Resolved webhook : webhooks) {
            WebhookNotifier.Builder builder;
            try {
                builder = WebhookNotifier.builder(webhook.url());
            } catch (WebhookConfigurationException e) {
                // WebhookNotifier's own message shows the URL's path, which holds a chat webhook's token.
                throw InvalidInputException.withoutValue(webhook.field() + ".url", "the value of "
                        + webhook.target().url() + " is not an absolute http:// or https:// URL with a host and without"
                        + " user:password@; put the receiver's full address there");
            }
            webhook.target().header().ifPresent(h -> builder.secretHeader(h.name(), webhook.header()::orElseThrow));
            routes.add(new Route(webhook.target(), builder.mask(mask).build()));
        }
        return routes.isEmpty() ? notification -> { } : new FanOut(routes);
    }

    private record Route(WebhookTarget target, Notifier notifier) {}

    /**
     * Sends to every wanting webhook at once, so a slow or unreachable receiver delays no other; returns
     * when all are done. Each webhook bounds its own time (timeouts and a fixed number of retries).
     */
    private static final class FanOut implements Notifier {
        private final List<Route> routes;

        FanOut(List<Route> routes) {
            this.routes = List.copyOf(routes);
        }

        @Override
        public void notify(Notification notification) {
            List<Thread> sending = new ArrayList<>();
            for (Route route : routes) {
                if (route.target().wants(notification.kind())) {
                    Thread thread = new Thread(() -> route.notifier().notify(notification), "release-ledger-webhook");
                    thread.setDaemon(true);
                    thread.start();
                    sending.add(thread);
                }
            }
            try {
                for (Thread thread : sending) {
                    thread.join();
                }
            } catch (InterruptedException e) {
                // Ctrl-C: stop sending (each webhook logs what it did not deliver) and let the engine abort.
                sending.forEach(Thread::interrupt);
                Thread.currentThread().interrupt();
            }
        }
    }
}
