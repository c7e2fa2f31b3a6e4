package io.releaseledger.plugin;

import io.releaseledger.HttpClients;
import io.releaseledger.InvalidInputException;
import io.releaseledger.notify.Notification;
import io.releaseledger.notify.Notifier;
import io.releaseledger.plugin.agent.JenkinsHttp;
import io.releaseledger.secrets.SecretMask;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link Notifier} the steps use in Jenkins: each configured {@link ReleaseWebhook} that wants the event gets the
 * notification, on its own, with the release's page as its link. A webhook whose credential is missing or holds no
 * usable address is skipped with one warning naming the credential id; nothing here throws, because a release must
 * never fail for want of a message.
 */
final class WebhookFanOut implements Notifier {
    private static final Logger LOGGER = Logger.getLogger(WebhookFanOut.class.getName());

    /**
     * Where deliveries run in Jenkins: a webhook may retry for a minute, and neither a step's timer thread nor
     * Jenkins' shared {@code Timer} should wait that long. Daemon threads, so they never hold Jenkins up at shutdown.
     */
    static final Executor DELIVERIES = deliveries();

    private final List<ReleaseWebhook> webhooks;
    private final ReleaseWebhook.SecretTexts secrets;
    private final SecretMask mask;
    private final String rootUrl;
    private final Executor executor;
    private final HttpClients http;

    /** Sends through Jenkins' proxy ({@link JenkinsHttp#controller()}): notifications always leave from the controller. */
    WebhookFanOut(List<ReleaseWebhook> webhooks, ReleaseWebhook.SecretTexts secrets, SecretMask mask, String rootUrl,
                  Executor executor) {
        this(webhooks, secrets, mask, rootUrl, executor, JenkinsHttp.controller());
    }

    /**
     * @param rootUrl  Jenkins' root URL, or {@code null} when it is not configured (notifications then have no link)
     * @param executor where each webhook's delivery runs
     * @param http     where the webhooks' HTTP clients come from
     */
    WebhookFanOut(List<ReleaseWebhook> webhooks, ReleaseWebhook.SecretTexts secrets, SecretMask mask, String rootUrl,
                  Executor executor, HttpClients http) {
        this.http = http;
        this.webhooks = List.copyOf(webhooks);
        this.secrets = secrets;
        this.mask = mask;
        this.rootUrl = rootUrl;
        this.executor = executor;
    }

    @Override
    public void notify(Notification notification) {
        try {
            Notification linked = withLink(notification, releaseLink(rootUrl, notification.releaseId()));
            for (ReleaseWebhook webhook : webhooks) {
                if (!webhook.accepts(notification.kind())) continue;
                try {
                    executor.execute(() -> deliver(webhook, linked));
                } catch (RejectedExecutionException e) {
                    LOGGER.warning(() -> "Release Ledger: " + webhook.where() + " skipped for " + describe(linked)
                            + ": no thread to send it on (" + e + "). The release is not affected.");
                }
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Release Ledger: webhooks not notified of " + describe(notification)
                    + ". The release is not affected.", e);
        }
    }

    private void deliver(ReleaseWebhook webhook, Notification notification) {
        try {
            webhook.toNotifier(secrets, mask, http).notify(notification);
        } catch (InvalidInputException e) {
            // One line naming the credential id, never a value: the messages are built never to hold one.
            LOGGER.warning(() -> "Release Ledger: " + webhook.where() + " skipped for " + describe(notification) + ": "
                    + e.getMessage() + ". The release is not affected.");
        } catch (RuntimeException e) {
            // No stack trace: a credentials provider's exception could quote what it read.
            LOGGER.warning(() -> "Release Ledger: " + webhook.where() + " skipped for " + describe(notification) + ": "
                    + e.getClass().getName() + ". The release is not affected.");
        }
    }

    private static String describe(Notification n) {
        return n.kind().event() + " of release " + n.releaseId() + " in " + n.environment();
    }

    /** The release's page under Jenkins' root URL, as the Releases pages link it; empty without a root URL. */
    static Optional<URI> releaseLink(String rootUrl, long releaseId) {
        return ReleasesBuildAction.releaseUrl(rootUrl, releaseId).flatMap(url -> {
            try {
                return Optional.of(URI.create(url));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // a root URL that is no URI: the message still goes out, without a link
            }
        });
    }

    static Notification withLink(Notification n, Optional<URI> link) {
        return new Notification(n.kind(), n.environment(), n.releaseId(), n.artifact(), n.version(), n.digest(),
                n.message(), link, n.time());
    }

    private static Executor deliveries() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000),
                task -> {
                    Thread thread = new Thread(task, "Release Ledger webhook " + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
