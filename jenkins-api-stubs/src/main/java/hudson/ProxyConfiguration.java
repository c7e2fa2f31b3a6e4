package hudson;

import java.net.http.HttpClient;

/**
 * Stub of {@code hudson.ProxyConfiguration}: Manage Jenkins → System → HTTP Proxy. Only the static factory the
 * plugin uses; like the real one outside a controller's JVM (an agent, a unit test) it has no proxy to apply and
 * answers a plain builder (the real one also sets a 20 s connect timeout and Jenkins' executor).
 */
public final class ProxyConfiguration {
    private ProxyConfiguration() {
    }

    public static HttpClient.Builder newHttpClientBuilder() {
        return HttpClient.newBuilder();
    }
}
