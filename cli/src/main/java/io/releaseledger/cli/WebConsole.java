package io.releaseledger.cli;

import io.releaseledger.web.LedgerWeb;
import io.releaseledger.web.WebResponse;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The read-only web console on Jetty's core API: every GET goes to {@link LedgerWeb#get}, anything
 * else is 405. No servlet layer: the console needs none, and the jar stays small.
 */
public final class WebConsole extends Handler.Abstract {
    private final LedgerWeb web;

    public WebConsole(LedgerWeb web) {
        super(InvocationType.BLOCKING); // LedgerWeb reads the ledger through JDBC: blocking work
        this.web = web;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            // Read-only: nothing here changes the ledger, so nothing but GET is answered.
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            write(response, callback, 405, "application/json", json("method " + request.getMethod()
                    + " is not allowed: the console is read-only; use GET"), Map.of());
            return true;
        }
        Map<String, String> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        for (Fields.Field f : fields) {
            query.put(f.getName(), f.getValue());
        }
        WebResponse answer;
        try {
            answer = web.get(Request.getPathInContext(request), query);
        } catch (RuntimeException e) {
            answer = new WebResponse(500, "application/json", json("the console failed: "
                    + e.getClass().getSimpleName()), Map.of());
        }
        write(response, callback, answer.status(), answer.contentType(), answer.body(), answer.headers());
        return true;
    }

    private static byte[] json(String error) {
        return io.releaseledger.json.Json.object(Map.of("error", error)).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Response response, Callback callback, int status, String contentType, byte[] body,
                              Map<String, String> headers) {
        response.setStatus(status);
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Starts a server for {@code web} on {@code host:port} (port 0: any free port); stops at JVM shutdown. */
    public static Server start(LedgerWeb web, String host, int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new WebConsole(web));
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }

    /** Stops {@code server} without waiting for idle connections (a browser keeps them open for minutes). */
    static void stop(Server server) {
        try {
            server.setStopTimeout(0);
            server.stop();
        } catch (Exception e) {
            // Stopping anyway: the process ends next.
        }
    }

    /** The URL people open, e.g. {@code http://127.0.0.1:8080/}. */
    public static String url(Server server) {
        ServerConnector c = (ServerConnector) server.getConnectors()[0];
        String host = c.getHost() == null ? "0.0.0.0" : c.getHost();
        if (host.contains(":")) host = "[" + host + "]";
        return "http://" + host + ":" + c.getLocalPort() + "/";
    }

    static InetSocketAddress address(Server server) {
        ServerConnector c = (ServerConnector) server.getConnectors()[0];
        return new InetSocketAddress(c.getHost(), c.getLocalPort());
    }
}
