package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

/** Stub of {@code org.kohsuke.stapler.StaplerResponse2}; the plugin writes through the servlet API only. */
public interface StaplerResponse2 extends HttpServletResponse {
}
