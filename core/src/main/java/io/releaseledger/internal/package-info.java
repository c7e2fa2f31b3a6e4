/**
 * Core's own helpers, public only because several of core's packages share them: the retry delays
 * ({@link io.releaseledger.internal.Backoff}) and the strict JSON reader ({@link io.releaseledger.internal.JsonTrees}).
 * Not part of the API: hosts (web, cli, plugin, bench) do not use this package, and it changes without notice.
 * It depends on no other core package but {@code json} (docs/architecture.md, "Public API of core").
 */
package io.releaseledger.internal;
