package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;

/** Stub of {@code org.kohsuke.stapler.StaplerRequest2}: the request, with the path below the object served. */
public interface StaplerRequest2 extends HttpServletRequest {
    String getRestOfPath();

    void bindJSON(Object bean, net.sf.json.JSONObject src);

    <T> T bindJSON(Class<T> type, net.sf.json.JSONObject src);

    <T> java.util.List<T> bindJSONToList(Class<T> type, Object src);

    net.sf.json.JSONObject getSubmittedForm() throws jakarta.servlet.ServletException;
}
