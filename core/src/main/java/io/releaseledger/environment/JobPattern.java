package io.releaseledger.environment;

/**
 * A glob over Jenkins job full names (folder path and job name joined by {@code /}): {@code *} matches
 * within one path segment, a whole segment {@code **} matches any number of segments, including none.
 * {@code team-a/**} matches every job under the {@code team-a} folder; {@code payments/*-deploy} matches
 * {@code payments/eu-deploy} but not {@code payments/eu/deploy}. Matching is case-sensitive, like job names.
 */
public record JobPattern(String glob) {
    /** What a pattern may look like, for error messages. */
    static final String ALLOWED = "a job full-name glob such as team-a/** or payments/*-deploy "
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
    boolean matches(String jobFullName) {
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
        return n < name.length && segmentMatches(pattern[p], name[n]) && matches(pattern, p + 1, name, n + 1);
    }

    /** {@code *} wildcards within one segment; taking each literal at its first fit is enough for {@code *}. */
    private static boolean segmentMatches(String glob, String segment) {
        String[] literals = glob.split("\\*", -1);
        if (literals.length == 1) return glob.equals(segment);
        String first = literals[0];
        String last = literals[literals.length - 1];
        if (!segment.startsWith(first)) return false;
        int from = first.length();
        for (int i = 1; i < literals.length - 1; i++) {
            int found = segment.indexOf(literals[i], from);
            if (found < 0) return false;
            from = found + literals[i].length();
        }
        return segment.length() - from >= last.length() && segment.endsWith(last);
    }

    @Override
    public String toString() {
        return glob;
    }
}
