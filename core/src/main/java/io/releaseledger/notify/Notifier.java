package io.releaseledger.notify;

/**
 * Where the engine sends {@link Notification}s: a webhook, a chat, a mail gateway.
 *
 * <p>Implementations must not throw: a delivery failure is logged and swallowed, because a release must
 * never break, nor a rollback stop, for want of a message. They may block for a bounded time.
 */
@FunctionalInterface
public interface Notifier {

    /** Delivers {@code notification}, or logs why it could not; never throws. */
    void notify(Notification notification);
}
