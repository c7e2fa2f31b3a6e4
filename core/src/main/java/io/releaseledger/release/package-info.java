/**
 * What a release is: the {@link io.releaseledger.release.Release} as the ledger records it, its
 * {@link io.releaseledger.release.ReleaseState} and {@link io.releaseledger.release.ReleaseMode}, the
 * {@link io.releaseledger.release.ReleasePlan} it carries, and the errors of a refused state change. Values only:
 * the ledger stores them and the engine ({@code io.releaseledger.engine}) moves them, so this package depends on
 * neither.
 */
package io.releaseledger.release;
