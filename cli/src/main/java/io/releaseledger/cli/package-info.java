/** {@code release-ledger}: the engine on the command line, for incident responders and new users. */
package io.releaseledger.cli;
