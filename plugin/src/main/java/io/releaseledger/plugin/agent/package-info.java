/**
 * Work the release steps send to where the build runs: health probes on the workspace's agent (or in the controller's
 * JVM outside {@code node}), and how HTTP leaves the JVM it runs in. Depends on core, Jenkins and
 * {@code credentials}, never on the plugin's steps.
 */
package io.releaseledger.plugin.agent;
