package io.releaseledger.secrets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A target stream that remembers what reached it and whether it was flushed or closed. */
final class RecordingStream extends ByteArrayOutputStream {
    int flushes;
    int closes;

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
        closes++;
    }

    String text() {
        return toString(StandardCharsets.UTF_8);
    }
}
