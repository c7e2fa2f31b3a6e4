package io.releaseledger.plugin;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import hudson.util.FormValidation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;
import org.kohsuke.stapler.QueryParameter;

/**
 * An environment's form as Jenkins wires its checks, with the descriptor's real {@code doCheck…} methods:
 * {@code FormValidation.CheckMethod} finds {@code doCheckField} and names what it depends on (each
 * {@code @QueryParameter} but {@code value}: the annotation's name, else the parameter's); the page's script
 * ({@code registerValidator} in hudson-behavior.js) runs a field's check when it changes and re-runs every check
 * that depends on it, sending the value of each dependency; each check's answer replaces what is shown under its
 * field. A person then types as someone configuring production would.
 */
public class FormCheckWiringTest {
    private final ReleaseEnvironment.DescriptorImpl descriptor = new ReleaseEnvironment.DescriptorImpl(() -> { });
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, FormValidation> shown = new TreeMap<>();
    private static final List<String> FIELDS = List.of("name", "requires", "approvalsRequired", "approvers",
            "approvalTimeout", "onInconclusive", "allowedDeployers");

    /** The check method of a field and what it depends on, as {@code FormValidation.CheckMethod} finds them. */
    private Method check(String field) {
        String name = "doCheck" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (Method m : descriptor.getClass().getMethods()) if (m.getName().equals(name)) return m;
        return null;
    }

    private static String parameterName(Parameter p) {
        QueryParameter q = p.getAnnotation(QueryParameter.class);
        return q == null ? null : q.value().isEmpty() ? p.getName() : q.value();
    }

    private List<String> dependsOn(String field) {
        List<String> names = new ArrayList<>();
        for (Parameter p : check(field).getParameters()) {
            String n = parameterName(p);
            if (n != null && !n.equals("value")) names.add(n);
        }
        return names;
    }

    private void run(String field) throws Exception {
        Method m = check(field);
        List<Object> args = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            String n = parameterName(p);
            args.add(values.getOrDefault(n.equals("value") ? field : n, ""));
        }
        shown.put(field, (FormValidation) m.invoke(descriptor, args.toArray()));
    }

    /** A person changes a field and leaves it: its check, then every check that depends on it. */
    private void type(String field, String value) throws Exception {
        values.put(field, value);
        run(field);
        for (String other : FIELDS) if (!other.equals(field) && dependsOn(other).contains(field)) run(other);
    }

    /** The fields showing an error, with the error. */
    private Map<String, String> errors() {
        Map<String, String> errors = new TreeMap<>();
        shown.forEach((field, v) -> {
            if (v.kind == FormValidation.Kind.ERROR) errors.put(field, v.getMessage());
        });
        return errors;
    }

    @Test
    public void theApprovalsMessageIsShownOnceAndGoesWhenApproversAreFilledIn() throws Exception {
        for (String field : FIELDS) assertNotNull(field, check(field));
        assertEquals("the count's check is re-run when the approvers change", List.of("approvers"),
                dependsOn("approvalsRequired"));
        type("name", "production");
        type("approvalsRequired", "1");
        Map<String, String> errors = errors();
        assertEquals("one message, under the count: " + errors, List.of("approvalsRequired"), List.copyOf(errors.keySet()));
        assertThat(errors.get("approvalsRequired"), containsString("no approvers are listed but 1 approval(s) are required"));

        type("approvers", "alice");
        assertEquals(Map.of(), errors());

        type("approvalsRequired", "2");
        assertEquals(List.of("approvalsRequired"), List.copyOf(errors().keySet()));
        type("approvers", "alice\ngroup:release-managers");
        assertEquals(Map.of(), errors());

        type("approvers", "group:");
        assertEquals("a malformed entry is said under the approvers alone", List.of("approvers"),
                List.copyOf(errors().keySet()));
    }
}
