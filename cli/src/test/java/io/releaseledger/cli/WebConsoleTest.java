package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertArrayEquals;

import io.releaseledger.ledger.Ledger;
import io.releaseledger.web.LedgerWeb;
import io.releaseledger.web.WebResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The Jetty handler hands GETs to LedgerWeb as they are, and refuses every other method. */
public class WebConsoleTest {
    private Path dir;
    private Ledger ledger;
    private Server server;
    private final HttpClient client = HttpClient.newHttpClient();

    @Before
    public void start() throws Exception {
        dir = Files.createTempDirectory("web-console-");
        ledger = Ledger.open(Context.embedded(dir));
        server = WebConsole.start(new LedgerWeb(ledger), "127.0.0.1", 0);
        ledger.defineEnvironment("dev", 1, new io.releaseledger.ledger.Actor("test", "test"));
    }

    @After
    public void stop() throws Exception {
        server.stop();
        ledger.close();
    }

    @Test
    public void getIsAnsweredByLedgerWeb() throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(WebConsole.url(server) + "api/dashboard?x=1")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        WebResponse expected = new LedgerWeb(ledger).get("/api/dashboard", Map.of("x", "1"));
        assertEquals(expected.status(), r.statusCode());
        assertArrayEquals(expected.body(), r.body());
        assertEquals(expected.contentType(), r.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    public void anythingButGetIs405() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(WebConsole.url(server) + "api/dashboard"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(method, 405, r.statusCode());
            assertEquals("GET", r.headers().firstValue("Allow").orElse(null));
        }
    }

    @Test
    public void itListensOnLoopbackByDefault() {
        assertEquals("127.0.0.1", WebConsole.address(server).getHostString());
    }

    // --- Host, Jetty's own errors, the server's name ----------------------------------------------

    /** One exchange over a plain socket, as a browser or an attacker's page would send it: status, headers, body. */
    private record Raw(int status, Map<String, String> headers, String body) {}

    private Raw raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", WebConsole.address(server).getPort())) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String[] head = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                headers.put(head[i].substring(0, head[i].indexOf(':')), head[i].substring(head[i].indexOf(':') + 1).strip());
            }
            return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers, response.substring(end + 4));
        }
    }

    private Raw get(String path, String host) throws Exception {
        return raw("GET " + path + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                + "Connection: close\r\n\r\n");
    }

    /** Every error of the console: JSON in the API's shape, its headers, and no server name. */
    private static void assertJsonError(String what, Raw r, int status) throws Exception {
        assertEquals(what + ": " + r, status, r.status());
        assertEquals(what, "application/json; charset=utf-8", r.headers().get("Content-Type"));
        assertEquals(what, "nosniff", r.headers().get("X-Content-Type-Options"));
        assertEquals(what, "same-origin", r.headers().get("Referrer-Policy"));
        assertEquals(what, "no-store", r.headers().get("Cache-Control"));
        assertEquals(what + " names no server: " + r.headers(), null, r.headers().get("Server"));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) io.releaseledger.json.JsonReader.parse(r.body());
        assertEquals(what + ": " + r.body(), String.valueOf(status), String.valueOf(body.get("status")));
        org.junit.Assert.assertTrue(what + ": " + r.body(), body.get("error") instanceof String);
    }

    @Test
    public void aRequestNamingAnotherHostIsRefusedWith421() throws Exception {
        int port = WebConsole.address(server).getPort();
        for (String forged : new String[] {"attacker.example", "attacker.example:" + port, "127.0.0.1.nip.io:" + port,
                "localhost.attacker.example", "2130706433", "[::ffff:8.8.8.8]:" + port, "999.0.0.1"}) {
            Raw r = get("/api/dashboard", forged);
            assertJsonError("Host: " + forged, r, 421);
            org.junit.Assert.assertTrue(r.body(), r.body().contains("this console answers only for localhost"));
            assertEquals("Host", io.releaseledger.json.JsonReader.parse(r.body()) instanceof Map<?, ?> m ? m.get("field") : null);
        }
        assertJsonError("a POST with a forged Host", raw("POST /api/dashboard HTTP/1.1\r\nHost: attacker.example\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n"), 421);
    }

    @Test
    public void theNamesItWasBoundToLocalhostAndLoopbackAddressesAreAnsweredWithOrWithoutAPort() throws Exception {
        int port = WebConsole.address(server).getPort();
        for (String host : new String[] {"127.0.0.1:" + port, "127.0.0.1", "localhost", "LOCALHOST:" + port, "localhost.",
                "[::1]:" + port, "[::1]", "127.0.0.2:" + port}) {
            Raw r = get("/api/dashboard", host);
            assertEquals("Host: " + host + " " + r, 200, r.status());
            assertEquals(null, r.headers().get("Server"));
        }
    }

    @Test
    public void jettysOwnErrorsAreJsonWithTheSameHeaders() throws Exception {
        assertJsonError("a URI too long", get("/api/releases/" + "1".repeat(20_000), "127.0.0.1"), 414);
        assertJsonError("a malformed request line", raw("GET /api/dashboard HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n"), 400);
        assertJsonError("headers too large", raw("GET /api/dashboard HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                + "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n"), 431);
        assertJsonError("a bad escape in the path", get("/api/releases/%zz", "127.0.0.1"), 400);
        assertJsonError("HTTP/1.1 without a Host", get("/api/dashboard", null), 400);
        assertJsonError("a blank Host", get("/api/dashboard", ""), 400);
    }

    @Test
    public void aFullwidthDigitIsNotAReleaseId() throws Exception {
        assertJsonError("fullwidth 1", get("/api/releases/%EF%BC%91", "127.0.0.1"), 400);
        assertJsonError("+1", get("/api/releases/+1", "127.0.0.1"), 400);
        assertJsonError("01", get("/api/releases/01", "127.0.0.1"), 400);
    }

    @Test
    public void aConsoleOnEveryInterfaceAnswersThisMachinesNamesAndWarnsWhenNotLoopback() throws Exception {
        ConsoleHosts all = ConsoleHosts.forBind("0.0.0.0");
        org.junit.Assert.assertTrue(all.allows(Context.hostName()));
        org.junit.Assert.assertTrue(all.allows("127.0.0.1:8080"));
        org.junit.Assert.assertFalse(all.allows("attacker.example"));
        org.junit.Assert.assertTrue(ConsoleHosts.loopbackOnly("127.0.0.1"));
        org.junit.Assert.assertTrue(ConsoleHosts.loopbackOnly("localhost"));
        org.junit.Assert.assertTrue(ConsoleHosts.loopbackOnly("::1"));
        org.junit.Assert.assertFalse(ConsoleHosts.loopbackOnly("0.0.0.0"));
        org.junit.Assert.assertFalse(ConsoleHosts.loopbackOnly("192.168.1.10"));
        org.junit.Assert.assertFalse(ConsoleHosts.loopbackOnly("console.example.com"));
    }
}
