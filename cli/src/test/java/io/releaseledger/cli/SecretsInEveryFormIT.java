package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.releaseledger.testing.HostileSecret;
import io.releaseledger.testing.TestStore;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The secret of issue 14 — quotes, {@code $}, spaces, a newline, non-ASCII letters — bound to a deploy whose body,
 * check command and health endpoint print it in every form they might: raw, base64 (standard, URL-safe, inside a
 * basic-auth header), hex in both cases, percent-encoded, JSON-escaped, as bash and dash print it under
 * {@code set -x}, as {@code printf %q} quotes it. Not one form may be found anywhere afterwards: every byte of the
 * embedded H2 ledger's files (in UTF-8 and in H2's own string encoding), a {@code pg_dump} of a PostgreSQL ledger,
 * every JSON API answer, every command's output, the audit export and the webhook bodies.
 */
public class SecretsInEveryFormIT {
    private static final String SECRET = HostileSecret.VALUE;

    /** Prints the bound secret in the forms a deploy or a check may print one (with the tools found). */
    private static final String PRINT_FORMS = String.join("\n",
            "#!/bin/bash",
            "s=\"${TOKEN:-$HOSTILE_SECRET}\"",
            "printf 'raw: %s\\n' \"$s\"",
            "printf 'base64: %s\\n' \"$(printf %s \"$s\" | base64 -w0)\"",
            "printf 'base64url: %s\\n' \"$(printf %s \"$s\" | basenc --base64url -w0)\"",
            "printf 'basic auth: %s\\n' \"$(printf 'deployer:%s' \"$s\" | base64 -w0)\"",
            "printf 'hex: %s\\n' \"$(printf %s \"$s\" | od -An -v -tx1 | tr -d ' \\n')\"",
            "printf 'HEX: %s\\n' \"$(printf %s \"$s\" | od -An -v -tx1 | tr -d ' \\n' | tr a-f A-F)\"",
            "if command -v perl >/dev/null; then",
            "  printf 'percent: %s\\n' \"$(S=\"$s\" perl -e '$_ = $ENV{S}; s/([^A-Za-z0-9._~-])/sprintf(\"%%%02X\", ord($1))/ge; print')\"",
            "fi",
            "if command -v jq >/dev/null; then printf 'json: %s\\n' \"$(jq -n --arg s \"$s\" '$s')\"; fi",
            "printf 'q: %q\\n' \"$s\"",
            "LC_ALL=C printf 'q in C: %q\\n' \"$s\"",
            "set -x",
            ": \"$s\"",
            "{ set +x; } 2>/dev/null",
            "dash -xc ': \"$1\"' dash \"$s\" 2>&1",
            "");

    private final List<String> webhookBodies = new ArrayList<>();
    private HttpServer server;
    private Path dir;
    private Map<String, String> env;
    private TestStore pg;

    @Before
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("secrets-it-");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // The service reports UP while 1.0 is deployed; with 2.0 its health status is the secret itself.
        server.createContext("/health", exchange -> {
            Path deployed = dir.resolve("deployed");
            String version = Files.exists(deployed) ? Files.readString(deployed).strip() : "";
            String status = version.equals("1.0") ? "UP" : SECRET;
            byte[] body = ("{\"status\":" + io.releaseledger.json.Json.string(status) + ",\"token\":\""
                    + java.util.HexFormat.of().formatHex(SECRET.getBytes(StandardCharsets.UTF_8)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/hook", exchange -> {
            synchronized (webhookBodies) {
                webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        Files.writeString(dir.resolve("print-forms.sh"), PRINT_FORMS);
        env = new HashMap<>(Map.of("HOSTILE_SECRET", SECRET,
                "HOOK_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
    }

    @After
    public void tearDown() throws Exception {
        server.stop(0);
        if (pg != null) {
            pg.close();
        }
    }

    private void writeConfig(String ledgerSection) throws Exception {
        Files.writeString(dir.resolve("release-ledger.yaml"), ledgerSection + String.join("\n",
                "environments:",
                "  dev:",
                "    credentials:",
                "      TOKEN: env:HOSTILE_SECRET",
                "notifications:",
                "  webhooks:",
                "    - url: env:HOOK_URL",
                ""));
    }

    @Test
    public void noFormOfTheSecretReachesTheEmbeddedLedgerItsApiOutputsExportsOrWebhooks() throws Exception {
        writeConfig("");
        List<String> outputs = deployBothAndRead();
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir.resolve(".release-ledger"))) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.add(Files.readAllBytes(p));
            }
        }
        assertFalse(files.isEmpty());
        assertNoLeak(outputs, files);
    }

    @Test
    public void noFormOfTheSecretReachesAPostgresLedgerAsPgDumpSeesIt() throws Exception {
        pg = TestStore.postgres(); // skips without the test database
        String url = pg.config().jdbcUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        env.put("RELEASE_LEDGER_TEST_PG_PASSWORD", System.getenv(TestStore.PG_PASSWORD));
        writeConfig(String.join("\n", "ledger:", "  url: " + url, "  user: " + pg.config().user(),
                "  passwordEnv: RELEASE_LEDGER_TEST_PG_PASSWORD", ""));
        List<String> outputs = deployBothAndRead();
        URI base = URI.create(System.getenv(TestStore.PG_URL).substring("jdbc:".length()));
        ProcessBuilder dump = new ProcessBuilder("pg_dump", "-h", base.getHost(), "-p", String.valueOf(base.getPort()),
                "-U", pg.config().user(), "-n", schema, base.getPath().substring(1));
        dump.environment().put("PGPASSWORD", System.getenv(TestStore.PG_PASSWORD));
        Process p = dump.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] sql = p.getInputStream().readAllBytes();
        assertEquals("pg_dump", 0, p.waitFor());
        assertTrue("the dump holds the ledger", new String(sql, StandardCharsets.UTF_8).contains("ledger_events"));
        assertNoLeak(outputs, List.of(sql));
    }

    /**
     * Deploys 1.0 (healthy), then 2.0 (its health endpoint reports the secret: unhealthy, rolled back, the webhook
     * told), each body and check printing every form; returns everything people and scripts then read.
     */
    private List<String> deployBothAndRead() throws Exception {
        for (String v : new String[] {"1.0", "2.0"}) {
            Files.writeString(dir.resolve("app-" + v + ".jar"), "app " + v);
            JarProcess register = JarProcess.run(dir, env, "register", "app", v, "app-" + v + ".jar");
            assertEquals(register.transcript(), 0, register.exitCode());
        }
        List<String> outputs = new ArrayList<>();
        String health = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
        for (String v : new String[] {"1.0", "2.0"}) {
            JarProcess deploy = JarProcess.run(dir, env, "deploy", "dev", "app", v,
                    "--http-check", health, "--expect-json", "/status=UP",
                    "--check-command", "bash print-forms.sh",
                    "--interval", "100ms", "--success-threshold", "1", "--failure-threshold", "1",
                    "--", "bash", "-c", "echo \"$RELEASE_ARTIFACT_VERSION\" > deployed; bash print-forms.sh");
            assertEquals(deploy.transcript(), v.equals("1.0") ? ExitCode.OK : ExitCode.UNHEALTHY, deploy.exitCode());
            assertTrue("the body printed its forms, masked: " + deploy.out(), deploy.out().contains("hex: ****"));
            outputs.add(deploy.transcript());
        }
        synchronized (webhookBodies) {
            assertEquals(webhookBodies.toString(), 1, webhookBodies.size());
            assertTrue(webhookBodies.get(0), webhookBodies.get(0).contains("/status is \\\"****\\\""));
            outputs.addAll(webhookBodies);
        }
        for (String[] command : List.of(new String[] {"show", "1"}, new String[] {"show", "2", "--json"},
                new String[] {"notes", "2"}, new String[] {"history", "dev", "--json"},
                new String[] {"status"}, new String[] {"audit", "export"}, new String[] {"audit", "verify"})) {
            JarProcess read = JarProcess.run(dir, env, command);
            assertEquals(read.transcript(), 0, read.exitCode());
            outputs.add(read.transcript());
        }
        try (JarProcess serve = JarProcess.start(dir, env, "serve", "--port", "0")) {
            serve.awaitOutput("serving the release ledger console at ");
            String console = serve.out().replaceAll("(?s).*serving the release ledger console at (\\S+).*", "$1");
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("api/dashboard", "api/environments/dev/history", "api/releases/1",
                    "api/releases/2", "api/audit?limit=500", "api/audit/verify")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(console + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(path + ": " + r.body(), 200, r.statusCode());
                if (path.equals("api/releases/2")) {
                    assertTrue("the samples are there, masked: " + r.body(), r.body().contains("/status is \\\"****\\\""));
                }
                outputs.add(r.body());
            }
        }
        return outputs;
    }

    /** Every form of the secret and its lines, plus fragments no mask could leave showing. */
    private static Map<String, String> leaks() {
        Map<String, String> leaks = new LinkedHashMap<>(HostileSecret.leaks(SECRET));
        for (String fragment : List.of("wörd", "zweite Zeile")) {
            leaks.put("fragment " + fragment, fragment);
            byte[] utf8 = fragment.getBytes(StandardCharsets.UTF_8);
            leaks.put("fragment " + fragment + " hex", java.util.HexFormat.of().formatHex(utf8));
            leaks.put("fragment " + fragment + " HEX", java.util.HexFormat.of().withUpperCase().formatHex(utf8));
        }
        return leaks;
    }

    private static void assertNoLeak(List<String> texts, List<byte[]> stores) {
        Map<String, String> leaks = leaks();
        for (String text : texts) {
            leaks.forEach((form, value) -> assertFalse(form + " found in:\n" + text, text.contains(value)));
        }
        for (byte[] bytes : stores) {
            leaks.forEach((form, value) -> {
                assertFalse(form + " found in the store (UTF-8)", indexOf(bytes, value.getBytes(StandardCharsets.UTF_8)) >= 0);
                assertFalse(form + " found in the store (H2's encoding)", indexOf(bytes, h2Encoding(value)) >= 0);
            });
        }
    }

    /** How H2's MVStore writes a string: UTF-16 units, one to three bytes each, not quite UTF-8. */
    private static byte[] h2Encoding(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : s.toCharArray()) {
            if (c < 0x80) {
                out.write(c);
            } else if (c >= 0x800) {
                out.write(0xe0 | (c >> 12));
                out.write((c >> 6) & 0x3f);
                out.write(c & 0x3f);
            } else {
                out.write(0xc0 | (c >> 6));
                out.write(c & 0x3f);
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
