package io.releaseledger.plugin;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The Releases pages as a Jenkins served under a context path answers them: a real Jetty on 127.0.0.1 with a
 * {@link ContextHandler} at {@link #CONTEXT} (as {@code java -jar jenkins.war --prefix=/jenkins}), dispatching as
 * Stapler does to {@link ReleasesRootAction}: {@code /release-ledger} is redirected to {@code /release-ledger/},
 * which renders {@code index.jelly} ({@link JellyPage}, with Jenkins' crumbs for the ancestors: "Dashboard",
 * "Releases"); the POST actions need Jenkins' crumb header (its crumb filter) and call {@code doApprove},
 * {@code doReject}, {@code doRollback}; every other path below the action is {@code doDynamic}. Jenkins' own script
 * and stylesheet ({@code /static/0/jsbundles/app.js}, {@code styles.css}) are the test's stand-ins from
 * {@code jenkins-imitation/}. Anything else outside the action is 404, as in Jenkins. Every request and its status is
 * kept.
 */
final class JenkinsUnderContextPath implements AutoCloseable {
    static final String CONTEXT = "/jenkins";
    static final String CRUMB_FIELD = "Jenkins-Crumb";
    static final String CRUMB = "0123456789abcdef";
    private static final Path INDEX = Path.of("src/main/resources/io/releaseledger/plugin/ReleasesRootAction/index.jelly");

    /** What {@code hudson.Functions} gives the view: the crumb's field name and value. */
    public static final class Functions {
        public String getCrumbRequestField() {
            return CRUMB_FIELD;
        }

        public String getCrumb(Object request) {
            return CRUMB;
        }
    }

    /** The request object the view hands to {@code h.getCrumb}. */
    public static final class Request2 {}

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final ReleasesRootAction action;
    private final Server server;

    JenkinsUnderContextPath(ReleasesRootAction action) throws Exception {
        this.action = action;
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler(CONTEXT);
        context.setHandler(new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Answer a = answer(request);
                log.add(request.getMethod() + " " + request.getHttpURI().getPath() + " " + a.status);
                response.setStatus(a.status);
                a.headers.forEach((name, value) -> response.getHeaders().put(name, value));
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType);
                response.write(true, ByteBuffer.wrap(a.body), callback);
                return true;
            }
        });
        server.setHandler(context);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/jenkins/release-ledger/}. */
    String pageUrl() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + CONTEXT + "/"
                + ReleasesRootAction.URL_NAME + "/";
    }

    /** The page as the view renders for a request under {@code contextPath}. */
    String renderPage(String contextPath) throws Exception {
        return new JellyPage(INDEX).with("it", action).with("h", new Functions()).with("request2", new Request2())
                .ancestors(List.of(new JellyPage.Crumb("Dashboard", "/"),
                        new JellyPage.Crumb(action.getDisplayName(), "/" + ReleasesRootAction.URL_NAME + "/")))
                .render(contextPath);
    }

    private record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {
        static Answer text(int status, String text) {
            return new Answer(status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Answer answer(Request request) throws Exception {
        String path = Request.getPathInContext(request);
        String root = "/" + ReleasesRootAction.URL_NAME;
        if (path.equals(root)) {
            return new Answer(302, "text/plain", Map.of("Location", CONTEXT + root + "/"), new byte[0]);
        }
        if (path.startsWith(JellyPage.RESOURCES + "/jsbundles/")) return imitation(path.substring(path.lastIndexOf('/') + 1));
        if (!path.startsWith(root + "/")) return Answer.text(404, "not found");
        String rest = path.substring(root.length());
        if (request.getMethod().equals("POST")) {
            if (!CRUMB.equals(request.getHeaders().get(CRUMB_FIELD))) return Answer.text(403, "No valid crumb was included");
            Fields form = Request.getParameters(request);
            HttpResponse r = switch (rest) {
                case "/approve" -> action.doApprove(form.getValue("id"), form.getValue("comment"));
                case "/reject" -> action.doReject(form.getValue("id"), form.getValue("comment"));
                case "/rollback" -> action.doRollback(form.getValue("id"));
                default -> null;
            };
            if (r == null) return Answer.text(405, "GET only here");
            BufferedResponse reply = (BufferedResponse) r;
            return new Answer(reply.status(), reply.contentType(), reply.headers(), reply.body());
        }
        if (rest.equals("/")) {
            return new Answer(200, "text/html; charset=utf-8", Map.of(),
                    renderPage(Request.getContextPath(request)).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String[]> query = new LinkedHashMap<>();
        for (Fields.Field f : Request.extractQueryParameters(request, StandardCharsets.UTF_8)) {
            query.put(f.getName(), f.getValues().toArray(String[]::new));
        }
        BufferedResponse reply = (BufferedResponse) action.doDynamic(staplerRequest(rest, query));
        return new Answer(reply.status(), reply.contentType(), reply.headers(), reply.body());
    }

    /** The test's stand-in for one of Jenkins' own files, or 404. */
    private static Answer imitation(String name) throws java.io.IOException {
        String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        try (java.io.InputStream in = JenkinsUnderContextPath.class.getResourceAsStream("jenkins-imitation/" + name)) {
            return in == null ? Answer.text(404, "not found") : new Answer(200, type, Map.of(), in.readAllBytes());
        }
    }

    /** What {@code doDynamic} reads of Stapler's request: the path below the action and the query. */
    private static StaplerRequest2 staplerRequest(String restOfPath, Map<String, String[]> parameters) {
        return (StaplerRequest2) Proxy.newProxyInstance(JenkinsUnderContextPath.class.getClassLoader(),
                new Class<?>[] {StaplerRequest2.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRestOfPath" -> restOfPath;
                    case "getParameterMap" -> parameters;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
