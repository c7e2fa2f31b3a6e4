/**
 * Telling people when a release needs them: a {@link io.releaseledger.notify.Notifier} port, the
 * {@link io.releaseledger.notify.Notification}s the engine sends through it, and a
 * {@link io.releaseledger.notify.WebhookNotifier} that posts them as JSON.
 *
 * <p>A notification is a side effect of a release, never a condition of it: notifiers log failures and
 * return, so an unreachable chat server cannot fail a deploy or a rollback.
 */
package io.releaseledger.notify;
