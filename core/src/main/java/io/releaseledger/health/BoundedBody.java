package io.releaseledger.health;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Collects at most {@code limit} bytes of a response body, then cancels: a probe never buffers a huge body. */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Content> {

    /** The collected bytes and whether more were dropped. */
    record Content(byte[] bytes, boolean truncated) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final int limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<Content> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBody(int limit) {
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<Content> handler(int limit) {
        return info -> new BoundedBody(limit);
    }

    @Override
    public CompletionStage<Content> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) return; // items may still arrive after cancel()
        for (ByteBuffer b : buffers) {
            int room = limit - out.size();
            int n = Math.min(room, b.remaining());
            byte[] chunk = new byte[n];
            b.get(chunk);
            out.write(chunk, 0, n);
            if (b.hasRemaining()) {
                subscription.cancel();
                result.complete(new Content(out.toByteArray(), true));
                return;
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(new Content(out.toByteArray(), false));
    }
}
