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
}
