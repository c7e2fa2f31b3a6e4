package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;
import org.jvnet.localizer.Localizable;

/**
 * Every key of {@code Messages.properties} read through the {@code Messages} class Localizer generated from it, as
 * Jenkins shows the text: each value is a {@link java.text.MessageFormat} pattern, so a single apostrophe would swallow
 * the text after it and a stray brace would fail or leave {@code {0}} in the output. And no key is dead.
 */
public class MessagesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/releaseledger/plugin");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    @Test
    public void everyTextFormatsToItsPatternWithApostrophesKeptAndEveryArgumentFilledIn() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (var entry : bundle().entrySet()) {
            String key = entry.getKey();
            String pattern = entry.getValue();
            Method method = generated(key);
            Object[] args = new Object[method.getParameterCount()];
            for (int i = 0; i < args.length; i++) args[i] = "\u00abarg" + i + "\u00bb";
            String formatted = (String) method.invoke(null, args);
            String localized = ((Localizable) generated("_" + key).invoke(null, args)).toString(Locale.ROOT);
            String expected = expected(pattern, args);
            if (!formatted.equals(expected) || !localized.equals(expected) || PLACEHOLDER.matcher(formatted).find()) {
                wrong.add(key + ": shows \"" + formatted + "\", expected \"" + expected + "\" (write ' as '')");
            }
        }
        assertTrue(String.join("\n", wrong), wrong.isEmpty());
    }

    @Test
    public void everyKeyIsUsedInTheCode() throws IOException {
        String code;
        try (Stream<Path> files = Files.list(SOURCES)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
            code = all.toString();
        }
        List<String> dead = new ArrayList<>();
        for (String key : bundle().keySet()) {
            String name = key.replace('.', '_');
            if (!code.contains("Messages." + name + "(") && !code.contains("Messages._" + name + "(")) dead.add(key);
        }
        assertEquals("keys no code uses (remove them, or use them)", List.of(), dead);
    }

    /**
     * What the pattern should show: {@code ''} as one apostrophe, a quoted brace as the brace, each {n} replaced by its
     * argument, and nothing else changed (a lone apostrophe makes MessageFormat drop it and quote what follows).
     */
    static String expected(String pattern, Object[] args) {
        String text = pattern.replace("''", "\u0000").replace("'{'", "{").replace("'}'", "}").replace("\u0000", "'");
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(n < args.length ? (String) args[n] : m.group()));
        }
        return m.appendTail(out).toString();
    }

    private static Method generated(String name) {
        String methodName = name.replace('.', '_');
        return Arrays.stream(Messages.class.getMethods())
                .filter(m -> m.getName().equals(methodName) && Modifier.isStatic(m.getModifiers()))
                .findFirst().orElseThrow(() -> new AssertionError("Messages has no method " + methodName));
    }

    /** The bundle as the file has it (ResourceBundle reads .properties as UTF-8, then ISO-8859-1: \\u escapes are safe). */
    static TreeMap<String, String> bundle() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("Messages.properties")) {
            p.load(in);
        }
        TreeMap<String, String> map = new TreeMap<>();
        p.forEach((k, v) -> map.put((String) k, (String) v));
        assertTrue(map.size() > 50);
        return map;
    }
}
