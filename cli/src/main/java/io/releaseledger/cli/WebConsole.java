package io.releaseledger.cli;

import io.releaseledger.web.LedgerWeb;
import io.releaseledger.web.WebResponse;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The read-only web console on Jetty's core API: every GET goes to {@link LedgerWeb#get}, anything
 * else is 405. No servlet layer: the console needs none, and the jar stays small.
 *
 * <p>It answers only requests whose {@code Host} names it ({@link ConsoleHosts}; else 421), every error —
 * its own and Jetty's (a request line or header it cannot parse, a URI too long) — is the web module's JSON
 * error with the same headers, and no response names the server's software or version.
 */
public final class WebConsole extends Handler.Abstract {
    private final LedgerWeb web;
    private final ConsoleHosts hosts;

    public WebConsole(LedgerWeb web, ConsoleHosts hosts) {
        super(InvocationType.BLOCKING); // LedgerWeb reads the ledger through JDBC: blocking work
        this.web = web;
        this.hosts = hosts;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!hosts.allows(host)) {
            // 421 Misdirected Request: this server does not answer for that name (DNS rebinding, a wrong proxy).
            write(response, callback, LedgerWeb.errorResponse(421, "this console answers only for " + hosts.describe()
                    + ", not for Host '" + clip(host) + "'; open it through one of those names", "Host"));
            return true;
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            // Read-only: nothing here changes the ledger, so nothing but GET is answered.
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            write(response, callback, LedgerWeb.errorResponse(405, "method " + clip(request.getMethod())
                    + " is not allowed: the console is read-only; use GET", null));
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
            answer = LedgerWeb.errorResponse(500, "the console failed: " + e.getClass().getSimpleName(), null);
        }
        write(response, callback, answer);
        return true;
    }

    private static String clip(String text) {
        if (text == null) {
            return "(none)";
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 100 ? printable : printable.substring(0, 100) + "…";
    }

    private static void write(Response response, Callback callback, WebResponse answer) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(answer.body().length));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    /**
     * Jetty's own errors in the console's shape: a request it could not parse (400), a URI or headers too long
     * (414, 431), a request it could not hand over. JSON, the JSON headers, no stack, no server version.
     */
    static final class JsonErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) {
            WebResponse error = error(code, message);
            response.getHeaders().remove(HttpHeader.CONTENT_TYPE);
            WebConsole.write(response, callback, error);
        }

        /** A request the HTTP parser refused before there was a request to answer through a handler. */
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            WebResponse error = error(status, reason);
            error.headers().forEach(fields::put);
            fields.put(HttpHeader.CONTENT_TYPE, error.contentType());
            fields.put("X-Content-Type-Options", "nosniff");
            return ByteBuffer.wrap(error.body());
        }

        private static WebResponse error(int code, String message) {
            String reason = message == null || message.isBlank() ? org.eclipse.jetty.http.HttpStatus.getMessage(code)
                    : message;
            return LedgerWeb.errorResponse(code, "the request could not be served: " + clip(reason), null);
        }
    }

    /** Starts a server for {@code web} on {@code host:port} (port 0: any free port); stops at JVM shutdown. */
    public static Server start(LedgerWeb web, String host, int port) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // "Server: Jetty(12.1.14)" tells an attacker which advisories to try
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new WebConsole(web, ConsoleHosts.forBind(host)));
        server.setErrorHandler(new JsonErrors());
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
