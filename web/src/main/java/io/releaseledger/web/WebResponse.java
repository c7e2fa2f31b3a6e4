package io.releaseledger.web;

import java.util.Map;

/**
 * An answer of {@link LedgerWeb}, for any host to write out: Jetty in the CLI, Stapler in Jenkins.
 *
 * @param headers extra headers (e.g. {@code Cache-Control}); content type and length are the host's job
 */
public record WebResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public WebResponse {
        headers = Map.copyOf(headers);
    }
}
