/**
 * Keeping bound secrets out of build logs and command-line output.
 *
 * <p>{@link io.releaseledger.secrets.SecretBinding} names where a secret comes from (never its value);
 * {@link io.releaseledger.secrets.SecretMask} is built from the resolved values and replaces them, and
 * their base64 forms, with {@value io.releaseledger.secrets.SecretMask#REPLACEMENT}, either in one string
 * or as bytes stream through a {@link io.releaseledger.secrets.MaskingOutputStream}.
 */
package io.releaseledger.secrets;
