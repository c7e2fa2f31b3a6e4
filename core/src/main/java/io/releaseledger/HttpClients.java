package io.releaseledger;

import java.net.http.HttpClient;

/**
 * Where core's outgoing HTTP (health probes, webhooks) gets its client, so that the host decides how requests reach
 * the network — through which proxy, with which proxy credentials — and core decides the rest (timeouts, never
 * following redirects, HTTP/1.1), which it sets on the builder it is given. Jenkins gives its proxy configuration
 * (Manage Jenkins → System → HTTP Proxy); the CLI, and an agent, the JVM's own settings.
 */
@FunctionalInterface
public interface HttpClients {
    /** A new builder carrying the host's proxy settings; every call a fresh one, which the caller may change. */
    HttpClient.Builder newBuilder();

    /**
     * The JVM's own settings: {@link HttpClient}'s default proxy selector, that is the {@code http.proxyHost},
     * {@code https.proxyHost}, {@code http.nonProxyHosts} system properties (or none), as the process was started with.
     */
    HttpClients JVM_DEFAULT = HttpClient::newBuilder;
}
