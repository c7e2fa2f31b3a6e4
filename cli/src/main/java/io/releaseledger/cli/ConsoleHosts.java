package io.releaseledger.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names the console answers for: the names and addresses it was bound to, {@code localhost} and the
 * loopback addresses. A page on another site that gets the browser to send it a request through a name the
 * attacker controls (DNS rebinding) names that name in {@code Host}, and is refused. The {@code Host} header is
 * compared as text and as an IP literal; it is never looked up in DNS.
 */
final class ConsoleHosts {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> names;
    private final Set<InetAddress> addresses;

    private ConsoleHosts(Set<String> names, Set<InetAddress> addresses) {
        this.names = Collections.unmodifiableSet(names);
        this.addresses = Collections.unmodifiableSet(addresses);
    }

    /**
     * For a console bound to {@code bind}: that name and what it resolves to; for a wildcard address
     * ({@code 0.0.0.0}, {@code ::}) this machine's names and the addresses of its interfaces.
     */
    static ConsoleHosts forBind(String bind) {
        Set<String> names = new LinkedHashSet<>(Set.of("localhost"));
        Set<InetAddress> addresses = new LinkedHashSet<>();
        String host = normalize(bind);
        InetAddress literal = literal(host);
        if (literal != null && literal.isAnyLocalAddress()) {
            names.add(normalize(Context.hostName()));
            try {
                names.add(normalize(InetAddress.getLocalHost().getCanonicalHostName()));
            } catch (IOException e) {
                // the host name above is enough
            }
            try {
                for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    addresses.addAll(Collections.list(i.getInetAddresses()));
                }
            } catch (IOException e) {
                // loopback and the names still work
            }
        } else if (literal != null) {
            addresses.add(literal);
        } else {
            names.add(host);
            try {
                addresses.addAll(java.util.List.of(InetAddress.getAllByName(host))); // our own name, resolved by us
            } catch (UnknownHostException e) {
                // the server could not bind to it either
            }
        }
        return new ConsoleHosts(names, addresses);
    }

    /** Whether the console is reachable only from this machine. */
    static boolean loopbackOnly(String bind) {
        String host = normalize(bind);
        if (host.equals("localhost")) {
            return true;
        }
        InetAddress literal = literal(host);
        return literal != null && literal.isLoopbackAddress();
    }

    /** Whether a request whose {@code Host} header is {@code hostHeader} (with or without a port) is answered. */
    boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = normalize(stripPort(hostHeader.strip()));
        if (names.contains(host)) {
            return true;
        }
        InetAddress literal = literal(host);
        return literal != null && (literal.isLoopbackAddress() || addresses.contains(literal));
    }

    /** The names answered, for the refusal's message: {@code localhost, 127.0.0.1 and the other loopback addresses}. */
    String describe() {
        Set<String> shown = new LinkedHashSet<>(names);
        addresses.stream().filter(a -> !a.isLoopbackAddress()).map(ConsoleHosts::show).forEach(shown::add);
        return String.join(", ", shown) + " and the loopback addresses (127.0.0.1, [::1])";
    }

    private static String show(InetAddress a) {
        String text = a.getHostAddress();
        int scope = text.indexOf('%');
        text = scope < 0 ? text : text.substring(0, scope);
        return text.contains(":") ? "[" + text + "]" : text;
    }

    /** {@code [::1]:8080} → {@code [::1]}; {@code example.com:8080} → {@code example.com}. */
    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }

    /** Lower case, without a trailing dot (which names the same host) and without IPv6 brackets. */
    private static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The address an IP literal names, or {@code null} for a name: names are never resolved here. */
    private static InetAddress literal(String host) {
        boolean v4 = IPV4.matcher(host).matches();
        if (!v4 && !(host.contains(":") && host.matches("[0-9a-f:.]+"))) {
            return null;
        }
        if (v4) {
            for (String octet : host.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null; // not a literal: InetAddress would look it up in DNS
                }
            }
        }
        try {
            return InetAddress.getByName(host); // a literal: parsed, no DNS
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
