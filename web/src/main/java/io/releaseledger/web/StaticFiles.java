package io.releaseledger.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The UI's files, read from the classpath once. Only flat, plainly named files can be asked for. */
final class StaticFiles {
    static final String ROOT = "/io/releaseledger/web/ui/";

    /** A flat name with a known extension: nothing like {@code ../} or {@code %2e} can reach past the UI folder. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    /** The file at {@code path} ({@code /} means {@code /index.html}), if the UI has one. */
    Optional<WebResponse> get(String path) {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, StaticFiles::read)
                .map(body -> new WebResponse(200, TYPES.get(m.group(1)), body, Headers.forStatic(m.group(1))));
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the UI file " + name + " from the classpath", e);
        }
    }
}
