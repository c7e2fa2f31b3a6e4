package io.releaseledger.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** The security and caching headers each kind of response carries. */
final class Headers {
    private Headers() {}

    /**
     * For the HTML page: scripts, styles and requests from this origin only; no inline script, no
     * plugins, no framing by other sites. Jenkins serves its pages under a similar policy.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'self'";

    static Map<String, String> forJson() {
        Map<String, String> h = common();
        h.put("Cache-Control", "no-store"); // the ledger changes every second during a release
        return h;
    }

    static Map<String, String> forStatic(String extension) {
        Map<String, String> h = common();
        h.put("Cache-Control", "no-cache"); // revalidate, so a plugin upgrade is seen at once
        if (extension.equals("html") || extension.equals("svg")) {
            h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        return h;
    }

    private static Map<String, String> common() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "same-origin");
        return h;
    }
}
