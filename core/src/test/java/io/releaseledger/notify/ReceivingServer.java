package io.releaseledger.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 that answers with scripted statuses and remembers each request. */
final class ReceivingServer implements AutoCloseable {

    /** What one request brought. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final int[] statuses;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch hang = new CountDownLatch(1);
    private volatile boolean neverAnswer;
    private volatile String location;
    private volatile String retryAfter;

    /** Answers with {@code statuses} in turn, repeating the last one. */
    ReceivingServer(int... statuses) {
        this.statuses = statuses.length == 0 ? new int[] {200} : statuses;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    ReceivingServer neverAnswering() {
        neverAnswer = true;
        return this;
    }

    ReceivingServer redirectingTo(String location) {
        this.location = location;
        return this;
    }

    ReceivingServer askingToRetryAfter(String retryAfter) {
        this.retryAfter = retryAfter;
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            if (neverAnswer) {
                hang.await(30, TimeUnit.SECONDS);
                return;
            }
            int status = statuses[Math.min(next.getAndIncrement(), statuses.length - 1)];
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        hang.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
