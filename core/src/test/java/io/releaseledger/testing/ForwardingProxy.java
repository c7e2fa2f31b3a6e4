package io.releaseledger.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small but real HTTP forwarding proxy on 127.0.0.1, for tests that must show a request went through a proxy: it
 * takes requests in absolute form ({@code GET http://host:port/path HTTP/1.1}, what a client sends to a proxy for
 * plain http), remembers each request line, forwards the request in origin form with {@code Connection: close} and
 * relays the answer. {@code CONNECT} (https) is tunnelled and remembered too. One request per connection.
 */
public final class ForwardingProxy implements Closeable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "forwarding-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public ForwardingProxy() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** The request lines received so far, e.g. {@code POST http://127.0.0.1:41234/hook HTTP/1.1}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * What a host's proxy settings look like to {@link java.net.http.HttpClient}: this proxy for http and https, except
     * for hosts in {@code noProxyHosts}, which are reached directly (as Jenkins' no-proxy host list does).
     */
    public ProxySelector selector(Set<String> noProxyHosts) {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, address());
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return noProxyHosts.contains(uri.getHost().toLowerCase(Locale.ROOT)) ? List.of(Proxy.NO_PROXY) : List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // nothing to remember
            }
        };
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> handle(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) return;
            List<String> headers = new ArrayList<>();
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) headers.add(h);
            requests.add(requestLine);
            String[] parts = requestLine.split(" ", 3);
            if (parts[0].equals("CONNECT")) {
                tunnel(client, parts[1]);
                return;
            }
            URI target = URI.create(parts[1]);
            int port = target.getPort() < 0 ? 80 : target.getPort();
            try (Socket origin = new Socket(target.getHost(), port)) {
                OutputStream out = origin.getOutputStream();
                String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
                StringBuilder head = new StringBuilder(parts[0]).append(' ').append(path.isEmpty() ? "/" : path)
                        .append(' ').append(parts[2]).append("\r\n");
                long length = 0;
                for (String h : headers) {
                    String name = h.substring(0, h.indexOf(':')).strip().toLowerCase(Locale.ROOT);
                    if (name.startsWith("proxy-") || name.equals("connection")) continue;
                    if (name.equals("content-length")) length = Long.parseLong(h.substring(h.indexOf(':') + 1).strip());
                    head.append(h).append("\r\n");
                }
                head.append("Connection: close\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(in.readNBytes((int) length));
                out.flush();
                origin.getInputStream().transferTo(client.getOutputStream());
            }
        } catch (IOException e) {
            // the client or the origin went away: nothing to relay
        }
    }

    private void tunnel(Socket client, String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        try (Socket origin = new Socket(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)))) {
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            threads.execute(() -> {
                try {
                    origin.getInputStream().transferTo(client.getOutputStream());
                } catch (IOException e) {
                    // closed
                }
            });
            client.getInputStream().transferTo(origin.getOutputStream());
        }
    }

    /** One CRLF-terminated line as ISO-8859-1, without the CRLF; {@code null} at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') break;
            if (b != '\r') buffer.write(b);
        }
        return b == -1 && buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        threads.shutdownNow();
    }
}
