package io.releaseledger.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The secret of issue 14 and the forms a deploy may print it in, for tests that look for any of them. */
public final class HostileSecret {
    private HostileSecret() {}

    /** Quotes of both kinds, {@code $}, spaces, a newline, non-ASCII letters and a slash: the secret. */
    public static final String VALUE = "Pa'ss \"wörd\" $HOME/ünï\nzweite Zeile: ßé'\"$x";

    /** The forms a deploy may print, each made by the JDK's own encoders or written out by hand here. */
    public static Map<String, String> forms(String secret) {
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("raw", secret);
        forms.put("base64", Base64.getEncoder().encodeToString(utf8));
        forms.put("base64 unpadded", Base64.getEncoder().withoutPadding().encodeToString(utf8));
        forms.put("base64url", Base64.getUrlEncoder().encodeToString(utf8));
        forms.put("base64url unpadded", Base64.getUrlEncoder().withoutPadding().encodeToString(utf8));
        for (String user : List.of("u:", "us:", "use:")) {
            forms.put("base64 of " + user + "secret", Base64.getEncoder().encodeToString((user + secret).getBytes(StandardCharsets.UTF_8)));
            forms.put("base64url of " + user + "secret", Base64.getUrlEncoder().encodeToString((user + secret).getBytes(StandardCharsets.UTF_8)));
        }
        forms.put("hex", java.util.HexFormat.of().formatHex(utf8));
        forms.put("HEX", java.util.HexFormat.of().withUpperCase().formatHex(utf8));
        String form = java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.put("form-encoded", form);
        forms.put("percent-encoded", form.replace("+", "%20").replace("*", "%2A").replace("%7E", "~"));
        forms.put("percent-encoded, lower-case escapes", lowerEscapes(form.replace("+", "%20")));
        forms.put("JSON (this project's writer)", unquote(io.releaseledger.json.Json.string(secret)));
        forms.put("JSON, minimal", secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"));
        StringBuilder ascii = new StringBuilder();
        for (char c : secret.toCharArray()) {
            ascii.append(c == '"' ? "\\\"" : c == '\n' ? "\\n" : c > 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        forms.put("JSON, ASCII only", ascii.toString());
        forms.put("JSON, slash escaped", forms.get("JSON, minimal").replace("/", "\\/"));
        forms.put("bash quoting", secret.replace("'", "'\\''"));
        forms.put("ash quoting", secret.replace("'", "'\"'\"'"));
        return forms;
    }

    private static String lowerEscapes(String percentEncoded) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(percentEncoded);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group().toLowerCase(java.util.Locale.ROOT));
        }
        return m.appendTail(out).toString();
    }

    private static String unquote(String jsonString) {
        return jsonString.substring(1, jsonString.length() - 1);
    }


    /**
     * What must never be found where the secret was masked: every form of the secret and of each of its lines,
     * but the base64 of a longer text (whose first characters belong to its prefix, not to the secret).
     */
    public static Map<String, String> leaks(String secret) {
        Map<String, String> leaks = new LinkedHashMap<>();
        forms(secret).forEach((name, value) -> {
            if (!name.contains(" of ")) {
                leaks.put(name, value);
            }
        });
        for (String line : secret.split("\n")) {
            forms(line).forEach((name, value) -> {
                if (!name.contains(" of ")) {
                    leaks.put("line '" + line + "', " + name, value);
                }
            });
        }
        return leaks;
    }
}
