package io.releaseledger.health;

import static io.releaseledger.health.HealthSample.Outcome.UNHEALTHY;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** TLS is verified against the JVM's trust store: a self-signed server is not trusted. */
public class HttpsCheckTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private HttpsServer server;

    @After
    public void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    public void selfSignedCertificateIsUnhealthyNotTrusted() throws Exception {
        Path keystore = tmp.getRoot().toPath().resolve("server.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "probe", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertTrue("keytool must finish", keytool.waitFor(60, TimeUnit.SECONDS));
        assertEquals(new String(keytool.getInputStream().readAllBytes()), 0, keytool.exitValue());

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        int port = server.getAddress().getPort();

        HealthSample s = new DirectProbeRunner(Clock.systemUTC()).probe(HttpCheck.of("https://127.0.0.1:" + port + "/health"));
        assertEquals(s.reason(), UNHEALTHY, s.outcome());
        assertTrue(s.reason(), s.reason().startsWith("TLS with 127.0.0.1:" + port + " failed: "));
    }
}
