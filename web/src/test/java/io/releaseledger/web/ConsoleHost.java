package io.releaseledger.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal host for {@link LedgerWeb}: the JDK's HTTP server on 127.0.0.1, mounting the console
 * under {@code /ledger/} (not the root) to prove the UI uses relative URLs only.
 */
final class ConsoleHost implements AutoCloseable {
    static final String MOUNT = "/ledger/";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final LedgerWeb web;
    private final boolean sendCsp;

    /** @param sendCsp false drops the Content-Security-Policy, to test the UI's own escaping without that safety net */
    ConsoleHost(LedgerWeb web, boolean sendCsp) throws IOException {
        this.web = web;
        this.sendCsp = sendCsp;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + MOUNT;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "text/plain; charset=utf-8", "GET only".getBytes(StandardCharsets.UTF_8), Map.of());
            } else if (path.equals(MOUNT.substring(0, MOUNT.length() - 1))) {
                exchange.getResponseHeaders().set("Location", MOUNT);
                send(exchange, 302, "text/plain; charset=utf-8", new byte[0], Map.of());
            } else if (!path.startsWith(MOUNT)) {
                send(exchange, 404, "text/plain; charset=utf-8", "not here".getBytes(StandardCharsets.UTF_8), Map.of());
            } else {
                WebResponse r = web.get(path.substring(MOUNT.length() - 1), query(exchange.getRequestURI().getRawQuery()));
                send(exchange, r.status(), r.contentType(), r.body(), r.headers());
            }
        }
    }

    private void send(HttpExchange exchange, int status, String type, byte[] body, Map<String, String> headers)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        headers.forEach((name, value) -> {
            if (sendCsp || !name.equals("Content-Security-Policy")) {
                exchange.getResponseHeaders().set(name, value);
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(name, value);
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
