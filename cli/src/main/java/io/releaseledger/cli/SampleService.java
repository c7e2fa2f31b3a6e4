package io.releaseledger.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The demo's stand-in for a real service: a JDK HTTP server on 127.0.0.1 whose {@code /health}
 * answers 200 or 503 as the demo's deploy action sets it for the version it "deploys".
 */
final class SampleService implements AutoCloseable {
    private final HttpServer server;
    private volatile String version;
    private volatile boolean healthy;

    private SampleService(HttpServer server) {
        this.server = server;
    }

    static SampleService start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        SampleService service = new SampleService(http);
        http.createContext("/health", exchange -> {
            String v = service.version;
            boolean ok = v != null && service.healthy;
            byte[] body = ("{\"status\":\"" + (ok ? "UP" : "DOWN") + "\",\"version\":"
                    + (v == null ? "null" : "\"" + v + "\"") + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return service;
    }

    /** "Deploys" a version: from now on /health reports it, healthy or not. */
    void deploy(String newVersion, boolean isHealthy) {
        this.healthy = isHealthy;
        this.version = newVersion;
    }

    String version() {
        return version;
    }

    String healthUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
