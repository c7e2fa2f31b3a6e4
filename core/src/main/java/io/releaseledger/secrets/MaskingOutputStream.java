package io.releaseledger.secrets;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * An output stream that masks secrets on their way to another stream, including secrets split across
 * several {@code write} calls. See {@link SecretMask} for what is masked.
 *
 * <p>Output is not held back longer than needed: bytes that cannot start a secret are written through
 * at once. Only a tail that may still grow into a secret (at most as long as the longest secret form) is
 * held until later bytes settle it.
 *
 * <p>{@link #flush()} writes everything settled and flushes the target; it keeps a held tail, because
 * writing it could show the first part of a secret whose rest is still to come. {@link #close()} is the end
 * of the output: it writes the held tail (masked where it is a whole secret) and closes the target.
 *
 * <p>Thread-safe: writes from several threads are masked as they interleave.
 */
public final class MaskingOutputStream extends FilterOutputStream {

    private final SecretMask mask;
    private final SecretMask.Cursor cursor = new SecretMask.Cursor();
    private byte[] held;
    private int heldLength;
    private boolean closed;

    MaskingOutputStream(OutputStream out, SecretMask mask) {
        super(Objects.requireNonNull(out, "out"));
        this.mask = Objects.requireNonNull(mask, "mask");
        this.held = new byte[Math.max(16, mask.longestPattern())];
    }

    /**
     * A stream masking {@code secretValues} on their way to {@code out}.
     *
     * @throws SecretTooShortException when a value has fewer than {@value SecretMask#MINIMUM_SECRET_LENGTH}
     *                                 characters
     */
    static MaskingOutputStream of(OutputStream out, Collection<String> secretValues) {
        return SecretMask.ofValues(secretValues).filter(out);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (heldLength == 0) {
            // Common case: scan the caller's bytes in place and copy only an unsettled tail.
            int settled = mask.scan(b, off, off + len, false, cursor, out);
            hold(b, settled, off + len - settled);
        } else {
            hold(b, off, len);
            settleHeld(false);
        }
    }

    /** Writes everything settled and flushes the target; a tail that may still become a secret stays held. */
    @Override
    public synchronized void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    /** Writes the held tail, masked where it is a whole secret, then flushes and closes the target. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream target = out) {
            settleHeld(true);
            target.flush();
        }
    }

    private void settleHeld(boolean endOfInput) throws IOException {
        int settled = mask.scan(held, 0, heldLength, endOfInput, cursor, out);
        System.arraycopy(held, settled, held, 0, heldLength - settled);
        heldLength -= settled;
        if (held.length > 8192 && heldLength < held.length / 4) {
            // A large write went through the held buffer; do not keep its size for the life of the stream.
            held = Arrays.copyOf(held, Math.max(Math.max(16, mask.longestPattern()), heldLength));
        }
    }

    private void hold(byte[] b, int off, int len) {
        if (heldLength + len > held.length) {
            held = Arrays.copyOf(held, Math.max(heldLength + len, 2 * held.length));
        }
        System.arraycopy(b, off, held, heldLength, len);
        heldLength += len;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("This masking stream is closed; write to a new one");
        }
    }
}
