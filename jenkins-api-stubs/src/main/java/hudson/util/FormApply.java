package hudson.util;

import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;

/** Stub of {@code hudson.util.FormApply}: the answer to a form's Save (a redirect) or Apply (a notification). */
public class FormApply {
    public static HttpResponses.HttpResponseException success(String destination) {
        throw new UnsupportedOperationException("stub");
    }

    public static boolean isApply(StaplerRequest2 req) {
        throw new UnsupportedOperationException("stub");
    }
}
