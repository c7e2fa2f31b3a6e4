package io.releaseledger.plugin.agent;

import hudson.ProxyConfiguration;
import io.releaseledger.HttpClients;
import jenkins.util.JenkinsJVM;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Where the plugin's outgoing HTTP gets its client: on the controller, Jenkins' proxy configuration (Manage Jenkins →
 * System → HTTP Proxy: the proxy, its no-proxy hosts and its credentials, through {@link ProxyConfiguration}); on an
 * agent, the agent JVM's own settings, because Jenkins' proxy is the controller's way out and an agent may sit in
 * another network (next to the service it probes) where that proxy is not reachable or not wanted.
 */
@Restricted(NoExternalUse.class) // public for the plugin's other packages, not an API
public final class JenkinsHttp {
    private JenkinsHttp() {}

    /** Jenkins' proxy settings, read each time a client is built, so a change applies to the next request. */
    public static HttpClients controller() {
        // A lambda, not a method reference: ProxyConfiguration is resolved only where this runs, never on an agent.
        return () -> ProxyConfiguration.newHttpClientBuilder();
    }

    /** For a probe: Jenkins' proxy in the controller's JVM (outside {@code node}, or on the built-in node), else the JVM's own. */
    public static HttpClients here() {
        return JenkinsJVM.isJenkinsJVM() ? controller() : HttpClients.JVM_DEFAULT;
    }
}
