package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.Descriptor;
import io.releaseledger.InvalidInputException;
import io.releaseledger.health.BodyExpectation;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.HttpCredentials;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code httpCheck(url: 'https://staging.example.com/health', expectStatus: '200', credentialsId: 'probe-token')}:
 * core's {@link HttpCheck}. {@code credentialsId} names a secret text (or username/password, whose password is
 * used) sent as a bearer token, or with {@code username} as HTTP Basic; it is resolved when the probe runs.
 */
public final class HttpCheckSpec extends HealthCheckSpec {
    private static final long serialVersionUID = 1L;

    private final String url;
    private String method;
    private String expectStatus;
    private String bodyRegex;
    private String jsonPointer;
    private String jsonValue;
    private List<String> headers = new ArrayList<>();
    private String credentialsId;
    private String username;

    @DataBoundConstructor
    public HttpCheckSpec(String url) {
        this.url = Validation.trimToNull(url);
    }

    public String getUrl() {
        return url;
    }

    public String getMethod() {
        return method;
    }

    /** {@code GET} (default) or {@code HEAD}. */
    @DataBoundSetter
    public void setMethod(String method) {
        this.method = Validation.trimToNull(method);
    }

    public String getExpectStatus() {
        return expectStatus;
    }

    /** {@code 200}, {@code 2xx}, {@code 200,204}, {@code 200-299}; default {@code 2xx}. */
    @DataBoundSetter
    public void setExpectStatus(String expectStatus) {
        this.expectStatus = Validation.trimToNull(expectStatus);
    }

    public String getBodyRegex() {
        return bodyRegex;
    }

    /** A Java regular expression the body must contain a match of. */
    @DataBoundSetter
    public void setBodyRegex(String bodyRegex) {
        this.bodyRegex = bodyRegex == null || bodyRegex.isEmpty() ? null : bodyRegex;
    }

    public String getJsonPointer() {
        return jsonPointer;
    }

    /** An RFC 6901 pointer into a JSON body, e.g. {@code /status}; compared with {@code jsonValue}. */
    @DataBoundSetter
    public void setJsonPointer(String jsonPointer) {
        this.jsonPointer = Validation.trimToNull(jsonPointer);
    }

    public String getJsonValue() {
        return jsonValue;
    }

    @DataBoundSetter
    public void setJsonValue(String jsonValue) {
        this.jsonValue = jsonValue;
    }

    public List<String> getHeaders() {
        return List.copyOf(headers);
    }

    /** The headers as the Snippet Generator's form shows them: one {@code Name: value} per line. */
    public String getHeaderLines() {
        return String.join("\n", headers);
    }

    /** Extra request headers as {@code 'Name: value'}; never secrets (they are recorded with the check). */
    @DataBoundSetter
    public void setHeaders(List<String> headers) {
        this.headers = headers == null ? new ArrayList<>() : new ArrayList<>(headers);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Validation.trimToNull(credentialsId);
    }

    public String getUsername() {
        return username;
    }

    /** With {@code credentialsId}: HTTP Basic as this user, the credential giving the password. */
    @DataBoundSetter
    public void setUsername(String username) {
        this.username = Validation.trimToNull(username);
    }

    @Override
    public HealthCheck toCheck() {
        if (url == null) {
            throw InvalidInputException.withoutValue("httpCheck url", "give the URL to probe, e.g. https://staging.example.com/health");
        }
        HttpCheck check = HttpCheck.of(url);
        if (method != null) {
            check = new HttpCheck(null, check.url(), method, check.expectStatus(), null, check.headers(), null, null);
        }
        if (expectStatus != null) check = check.expecting(expectStatus);
        if (bodyRegex != null && jsonPointer != null) {
            throw new InvalidInputException("httpCheck bodyRegex", bodyRegex, "give bodyRegex or jsonPointer, not both");
        }
        if (bodyRegex != null) check = check.withBody(BodyExpectation.matches(bodyRegex));
        if (jsonPointer != null) {
            if (jsonValue == null) {
                throw InvalidInputException.withoutValue("httpCheck jsonValue", "give the value expected at jsonPointer "
                        + jsonPointer + ", e.g. jsonValue: 'UP'");
            }
            check = check.withBody(BodyExpectation.jsonPointer(jsonPointer, jsonValue));
        }
        for (String header : headers) {
            int colon = header == null ? -1 : header.indexOf(':');
            if (colon <= 0) {
                throw new InvalidInputException("httpCheck headers", header, "write each header as 'Name: value'");
            }
            check = check.withHeader(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        if (credentialsId != null) {
            check = check.withCredentials(username == null ? HttpCredentials.bearer(credentialsId)
                    : HttpCredentials.basic(username, credentialsId));
        } else if (username != null) {
            throw new InvalidInputException("httpCheck username", username, "give credentialsId too: it holds the password");
        }
        if (getName() != null) check = check.named(getName());
        if (getTimeout() != null) check = check.withTimeout(timeoutDuration());
        return check;
    }

    @Extension
    @Symbol("httpCheck")
    public static final class DescriptorImpl extends Descriptor<HealthCheckSpec> {
        @Override
        public String getDisplayName() {
            return Messages.HttpCheckSpec_DisplayName();
        }

        /** The form gives the headers as text, one {@code Name: value} per line; every other field as typed. */
        @Override
        public HealthCheckSpec newInstance(StaplerRequest2 req, JSONObject formData) {
            HttpCheckSpec spec = new HttpCheckSpec(formData.optString("url"));
            spec.setMethod(formData.optString("method"));
            spec.setExpectStatus(formData.optString("expectStatus"));
            spec.setBodyRegex(formData.optString("bodyRegex"));
            spec.setJsonPointer(formData.optString("jsonPointer"));
            // An empty value is meaningful only with a pointer (an empty string expected there).
            String jsonValue = formData.optString("jsonValue");
            if (!jsonValue.isEmpty() || spec.getJsonPointer() != null) spec.setJsonValue(jsonValue);
            spec.setHeaders(HealthCheckSpec.lines(formData.optString("headers")));
            spec.setCredentialsId(formData.optString("credentialsId"));
            spec.setUsername(formData.optString("username"));
            spec.setName(formData.optString("name"));
            spec.setTimeout(formData.optString("timeout"));
            return spec;
        }
    }
}
