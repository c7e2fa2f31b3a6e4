package io.releaseledger.engine;

/**
 * Port: the user's own deployment (a shell command, a Jenkins block, kubectl…). It must be
 * idempotent: after a restart the engine may run it again for the same release.
 */
@FunctionalInterface
public interface DeployAction {

    /** Deploys; returning normally means success, throwing means the deploy failed (the message is recorded). */
    void deploy(Deployment deployment) throws Exception;
}
