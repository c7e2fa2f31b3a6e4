package io.releaseledger.plugin;

import io.releaseledger.json.CanonicalJson;
import io.releaseledger.web.WebResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * An answer of the Releases pages held whole in memory — status, content type, headers and body (JSON, or the
 * pages' scripts and styles) — and written out by {@link #generateResponse}. Built by plain methods, so tests read it
 * without a servlet container. Never persisted: only returned to Stapler.
 */
record BufferedResponse(int status, String contentType, Map<String, String> headers, byte[] body) implements HttpResponse {
    static final String JSON = "application/json; charset=utf-8";

    /** A JSON answer: {@code fields} as a JSON object, with the same headers as the web module's JSON. */
    static BufferedResponse json(int status, Map<String, ?> fields) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "no-store");
        return new BufferedResponse(status, JSON, headers, CanonicalJson.object(fields).getBytes(StandardCharsets.UTF_8));
    }

    /** An error in the web module's shape: {@code {"error": …, "field": …, "status": …}}. */
    static BufferedResponse error(int status, String field, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("error", message);
        fields.put("field", field);
        fields.put("status", status);
        return json(status, fields);
    }

    static BufferedResponse of(WebResponse response) {
        return new BufferedResponse(response.status(), response.contentType(), response.headers(), response.body());
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType(contentType);
        for (Map.Entry<String, String> header : headers.entrySet()) rsp.setHeader(header.getKey(), header.getValue());
        rsp.setContentLength(body.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(body);
        }
    }
}
