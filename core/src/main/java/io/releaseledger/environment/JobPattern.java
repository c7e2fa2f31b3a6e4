package io.releaseledger.environment;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A glob over Jenkins job full names (folder path and job name joined by {@code /}): {@code *} matches
 * within one path segment, a whole segment {@code **} matches any number of segments, including none.
 * {@code team-a/**} matches every job under the {@code team-a} folder; {@code payments/*-deploy} matches
 * {@code payments/eu-deploy} but not {@code payments/eu/deploy}. Matching is case-sensitive, like job names.
 */
public record JobPattern(String glob) {
    /** What a pattern may look like, for error messages. */
    public static final String ALLOWED = "a job full-name glob such as team-a/** or payments/*-deploy "
            + "(* within a segment, ** as a whole segment for any depth; no empty segments)";

    public JobPattern {
        if (glob == null || glob.isBlank() || glob.startsWith("/") || glob.endsWith("/") || glob.contains("//")
                || !glob.strip().equals(glob)) {
            throw new InvalidPolicyException("allowedDeployers", glob, ALLOWED);
        }
        for (String segment : glob.split("/")) {
            if (segment.contains("**") && !segment.equals("**")) {
                throw new InvalidPolicyException("allowedDeployers", glob,
                        InvalidPolicyException.quote(glob) + " uses ** inside the segment " + InvalidPolicyException.quote(segment),
                        ALLOWED);
            }
        }
    }

    /** Whether the job with this full name (e.g. {@code team-a/payments/deploy}) matches. */
    public boolean matches(String jobFullName) {
        if (jobFullName == null || jobFullName.isEmpty()) return false;
        return matches(glob.split("/"), 0, jobFullName.split("/", -1), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] name, int n) {
        if (p == pattern.length) return n == name.length;
        if (pattern[p].equals("**")) {
            for (int skip = n; skip <= name.length; skip++) {
                if (matches(pattern, p + 1, name, skip)) return true;
            }
            return false;
        }
        return n < name.length && segment(pattern[p]).matcher(name[n]).matches() && matches(pattern, p + 1, name, n + 1);
    }

    private static Pattern segment(String glob) {
        StringBuilder regex = new StringBuilder();
        Arrays.stream(glob.split("\\*", -1)).forEach(literal -> {
            if (regex.length() > 0) regex.append("[^/]*");
            regex.append(Pattern.quote(literal));
        });
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return glob;
    }
}
