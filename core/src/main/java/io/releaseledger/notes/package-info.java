/**
 * Release notes in Markdown, written from what the ledger recorded about one release
 * ({@link io.releaseledger.notes.ReleaseNotes}).
 */
package io.releaseledger.notes;
