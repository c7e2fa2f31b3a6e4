package org.kohsuke.stapler;

/** Stub of {@code org.kohsuke.stapler.HttpResponses}: only the exception type that carries a response. */
public class HttpResponses {
    public HttpResponses() {
    }

    /** Stub of {@code HttpResponses.HttpResponseException}: a response thrown or returned by a web method. */
    public abstract static class HttpResponseException extends RuntimeException implements HttpResponse {
        public HttpResponseException() {
        }

        public HttpResponseException(String message) {
            super(message);
        }
    }
}
