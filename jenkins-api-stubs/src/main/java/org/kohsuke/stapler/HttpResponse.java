package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.io.IOException;

/** Stub of {@code org.kohsuke.stapler.HttpResponse}: what a web method returns to write its own answer. */
public interface HttpResponse {
    default void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
            throws IOException, ServletException {
        throw new UnsupportedOperationException("stub");
    }
}
