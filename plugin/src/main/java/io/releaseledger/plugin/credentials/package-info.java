/**
 * How the plugin reads Jenkins credentials for a release: by id, with the build's authentication, just before use,
 * never stored. Depends on core and Jenkins only, never on the plugin's steps.
 */
package io.releaseledger.plugin.credentials;
