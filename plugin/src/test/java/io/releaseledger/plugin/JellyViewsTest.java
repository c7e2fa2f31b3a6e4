package io.releaseledger.plugin;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.plugin.StaplerJelly.Message;
import io.releaseledger.plugin.StaplerJelly.ViewException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.CharacterData;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.ProcessingInstruction;

/**
 * Every Jelly view of every module, read as Jenkins reads it: well-formed XML, escaped by default, no inline
 * script or event handler (Jenkins' CSP), each {@code ${…}} compiled as Stapler compiles it ({@link StaplerJelly},
 * JEXL 1.1 from Maven Central), {@code ${rootURL}} only where {@code <l:layout>} has set it, and every message
 * key with its text. One failure lists every problem of every view.
 */
public class JellyViewsTest {
    /** The repository root: surefire runs in the plugin's folder. */
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String LAYOUT = "/lib/layout";
    /** Set by {@code l:layout} (through {@code l:view}: {@code Functions.initPageVariables}) and nowhere before. */
    private static final Pattern PAGE_VARIABLE = Pattern.compile("\\b(rootURL|resURL|imagesURL)\\b");

    static List<Path> views() throws IOException {
        List<Path> views = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            for (Path module : modules.sorted().toList()) {
                Path resources = module.resolve("src/main/resources");
                if (!Files.isDirectory(resources)) continue;
                try (Stream<Path> files = Files.walk(resources)) {
                    files.filter(p -> p.toString().endsWith(".jelly")).sorted().forEach(views::add);
                }
            }
        }
        return views;
    }

    @Test
    public void everyViewOfEveryModuleIsOneThatStaplerCompilesAndRendersAsWritten() throws Exception {
        List<Path> views = views();
        assertTrue("the plugin's views are found: " + views, views.size() >= 14);
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            for (String problem : problems(view)) {
                problems.add(REPOSITORY.relativize(view) + ": " + problem);
            }
        }
        assertEquals("problems in the views:\n  " + String.join("\n  ", problems), List.of(), problems);
    }

    /** Everything wrong with one view; empty when Jenkins would render it as written. */
    static List<String> problems(Path view) throws IOException {
        List<String> problems = new ArrayList<>();
        Document doc;
        try {
            doc = parse(view);
        } catch (Exception e) {
            return List.of("not well-formed XML: " + e.getMessage());
        }
        if (!(doc.getFirstChild() instanceof ProcessingInstruction pi && pi.getTarget().equals("jelly")
                && pi.getData().replace('"', '\'').contains("escape-by-default='true'"))) {
            problems.add("does not start with <?jelly escape-by-default='true'?>");
        }
        if (Files.readString(view, StandardCharsets.UTF_8).contains("<j:out")) problems.add("writes raw output (<j:out>)");
        String name = view.getFileName().toString();
        Properties texts = texts(view);
        boolean hasLayout = doc.getElementsByTagNameNS(LAYOUT, "layout").getLength() > 0
                || doc.getElementsByTagNameNS(LAYOUT, "view").getLength() > 0;
        walk(doc.getDocumentElement(), false, new Context(name, hasLayout, texts, view), problems);
        return problems;
    }

    private record Context(String name, boolean hasLayout, Properties texts, Path view) {}

    private static void walk(Element e, boolean inLayout, Context c, List<String> problems) {
        boolean inside = inLayout || (LAYOUT.equals(e.getNamespaceURI())
                && (e.getLocalName().equals("layout") || e.getLocalName().equals("view")));
        String where = "<" + e.getTagName() + ">";
        if (e.getLocalName().equals("script") && e.getNamespaceURI() == null) {
            if (e.getAttribute("src").isBlank()) problems.add(where + " without src: inline script is refused by Jenkins' CSP");
            if (!e.getTextContent().isBlank()) problems.add(where + " has an inline body, refused by Jenkins' CSP");
        }
        if (e.getLocalName().equals("style") && e.getNamespaceURI() == null) problems.add(where + ": inline style");
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String attr = a.getLocalName() == null ? a.getName() : a.getLocalName();
            if (a.getName().startsWith("xmlns")) continue;
            if (attr.toLowerCase(Locale.ROOT).startsWith("on")) problems.add(where + " has the event handler " + attr);
            if (a.getValue().toLowerCase(Locale.ROOT).contains("javascript:")) problems.add(where + ": javascript: URL");
            if (attr.equals("style") && a.getNamespaceURI() == null && e.getNamespaceURI() == null) {
                problems.add(where + " has a style attribute, refused by Jenkins' CSP");
            }
            if (attr.equals("help") && a.getValue().startsWith("/plugin/")) helpFile(a.getValue(), where, problems);
            expressions(a.getValue(), where + " " + attr + "=", inside, c, problems);
        }
        StringBuilder run = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            // Jelly's parser gathers the characters between two tags into one text, CDATA included.
            if (n instanceof CharacterData text && !(n instanceof Comment)) {
                run.append(text.getData());
                continue;
            }
            flush(run, where, inside, c, problems);
            if (n instanceof Element child) walk(child, inside, c, problems);
        }
        flush(run, where, inside, c, problems);
    }

    private static void flush(StringBuilder run, String where, boolean inLayout, Context c, List<String> problems) {
        if (run.isEmpty()) return;
        expressions(run.toString(), "text in " + where, inLayout, c, problems);
        run.setLength(0);
    }

    private static void expressions(String text, String where, boolean inLayout, Context c, List<String> problems) {
        List<String> found;
        try {
            found = StaplerJelly.expressions(text);
        } catch (ViewException e) {
            problems.add(where + " " + e.getMessage());
            return;
        }
        for (String expression : found) {
            try {
                for (Message m : StaplerJelly.compile(expression)) message(m, expression, where, c, problems);
            } catch (ViewException e) {
                problems.add(where + " \"${" + expression + "}\": " + e.getMessage());
            }
            if (!expression.startsWith("%") && PAGE_VARIABLE.matcher(expression).find() && !inLayout
                    && (c.hasLayout() || c.name().equals("index.jelly"))) {
                problems.add(where + " \"${" + expression + "}\" reads a variable that <l:layout> sets (rootURL, resURL,"
                        + " imagesURL) where it is not set yet: it renders empty, so the URL misses Jenkins' context"
                        + " path; use it inside <l:layout>");
            }
        }
    }

    private static void message(Message m, String expression, String where, Context c, List<String> problems) {
        String view = c.view().getFileName().toString().replace(".jelly", ".properties");
        if (m.key().isBlank()) problems.add(where + " \"${" + expression + "}\" has an empty message key");
        if (m.key().contains("${")) {
            problems.add(where + " \"${" + expression + "}\": a ${…} inside a message is not evaluated, and its '}'"
                    + " ends the message early");
        }
        if (!m.arguments().isEmpty()) {
            String text = c.texts() == null ? null : c.texts().getProperty(m.key());
            if (text == null || text.isEmpty()) {
                problems.add(where + " \"${" + expression + "}\": the message \"" + m.key() + "\" has "
                        + m.arguments().size() + " argument(s) but no text in " + view + ", so Stapler shows the key"
                        + " alone (\"" + m.key() + "\") and drops them; rephrase without '(' or give the key a text"
                        + " with {0}");
                return;
            }
            for (int i = 0; i < m.arguments().size(); i++) {
                if (!text.contains("{" + i)) {
                    problems.add(where + " \"${" + expression + "}\": the text of \"" + m.key() + "\" in " + view
                            + " never shows argument {" + i + "}");
                }
            }
        } else if (c.texts() != null && !c.texts().containsKey(m.key())) {
            problems.add(where + " \"${" + expression + "}\": " + view + " has no key \"" + m.key() + "\"");
        }
    }

    private static void helpFile(String url, String where, List<String> problems) {
        // "/plugin/release-ledger/help/x.html" is the plugin's webapp folder: plugin/src/main/webapp/help/x.html.
        String[] parts = url.split("/", 4);
        if (parts.length < 4 || !Files.isRegularFile(REPOSITORY.resolve("plugin/src/main/webapp").resolve(parts[3]))) {
            problems.add(where + " help=\"" + url + "\" names a file the plugin does not have");
        }
    }

    /** The view's message texts ({@code config.properties} beside {@code config.jelly}), or null without a file. */
    private static Properties texts(Path view) throws IOException {
        Path file = view.resolveSibling(view.getFileName().toString().replace(".jelly", ".properties"));
        if (!Files.isRegularFile(file)) return null;
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    // --- the imitation of Stapler catches each kind of broken view (from what a real Jenkins showed) ----------

    private static List<String> problemsOf(String body, String properties) throws Exception {
        Path dir = Files.createTempDirectory("jelly-view");
        Path view = dir.resolve("config.jelly");
        Files.writeString(view, "<?jelly escape-by-default='true'?>\n<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\""
                + " xmlns:l=\"/lib/layout\">" + body + "</j:jelly>");
        if (properties != null) Files.writeString(dir.resolve("config.properties"), properties);
        return problems(view);
    }

    @Test
    public void aParenthesisThatDoesNotEndTheMessageIsStaplersMissingParenthesisError() throws Exception {
        List<String> p = problemsOf("<f:entry description=\"${%unhealthy (default) or healthy.}\"/>", null);
        assertEquals(1, p.size());
        assertThat(p.get(0), containsString("%unhealthy (default) or healthy. is missing ')' at the end"));
        assertThat(problemsOf("<f:entry description=\"${%Optional: the file (node).}\"/>", null).get(0),
                containsString("is missing ')' at the end"));
    }

    @Test
    public void aParenthesisedWordIsAnArgumentListThatDropsTheRestOfTheText() throws Exception {
        List<String> p = problemsOf("<f:entry title=\"${%Starts (cron)}\"/>", null);
        assertEquals(1, p.size());
        assertThat(p.get(0), containsString("Stapler shows the key alone (\"Starts \")"));
        assertThat(problemsOf("<f:entry title=\"${%Digest (sha256:…)}\"/>", null).get(0),
                containsString("argument \"sha256:…\" of the message \"Digest \" (the '(' starts Stapler's argument list;"));
    }

    @Test
    public void aMessageWithArgumentsAndItsTextIsAccepted() throws Exception {
        assertEquals(List.of(), problemsOf("<p>${%waiting(it.count, it.names)}</p><p title=\"${%Release}\">"
                + "${%Release} ${it.id}</p>", "waiting=Waiting for {0} approval(s) from {1}\nRelease=Release\n"));
        assertThat(problemsOf("<p>${%waiting(it.count)}</p>", "waiting=Waiting\n").get(0),
                containsString("never shows argument {0}"));
        assertThat(problemsOf("<p>${%Release}</p>", "Other=x\n").get(0),
                containsString("config.properties has no key \"Release\""));
    }

    @Test
    public void anExpressionInsideAMessageIsRefused() throws Exception {
        assertThat(problemsOf("<f:entry description=\"${%e.g. ${env.VERSION} here}\"/>", null).get(0),
                containsString("a ${…} inside a message is not evaluated"));
    }

    @Test
    public void rootUrlIsOnlyReadWhereTheLayoutHasSetIt() throws Exception {
        List<String> p = problemsOf("<j:set var=\"base\" value=\"${rootURL}/x/\"/><l:layout title=\"t\">"
                + "<a href=\"${rootURL}/y\">y</a></l:layout>", null);
        assertEquals(1, p.size());
        assertThat(p.get(0), containsString("<j:set> value= \"${rootURL}\" reads a variable that <l:layout> sets"));
    }

    @Test
    public void inlineScriptsHandlersAndMissingEscapingAreRefused() throws Exception {
        List<String> p = problemsOf("<script>alert(1)</script><a onclick=\"x()\">a</a>", null);
        assertEquals(3, p.size());
        Path dir = Files.createTempDirectory("jelly-view");
        Path raw = dir.resolve("index.jelly");
        Files.writeString(raw, "<j:jelly xmlns:j=\"jelly:core\"><p>${it.text}</p></j:jelly>");
        assertEquals(List.of("does not start with <?jelly escape-by-default='true'?>"), problems(raw));
        Files.writeString(raw, "<j:jelly xmlns:j=\"jelly:core\"><p>${it.text}</j:jelly>");
        assertThat(problems(raw).get(0), containsString("not well-formed XML"));
    }

    @Test
    public void jellysOwnScanOfExpressionsIsImitated() throws Exception {
        assertEquals(List.of("a"), StaplerJelly.expressions("${a}"));
        assertEquals(List.of("a", "%B"), StaplerJelly.expressions("x ${a} y ${%B} z"));
        assertEquals(List.of(), StaplerJelly.expressions("$${a} costs $5"));
        // A whole-value expression is cut at its first '}'; in text a quote opens a string up to its match.
        assertEquals(List.of("%It's fine"), StaplerJelly.expressions("${%It's fine}"));
        assertThrows(ViewException.class, () -> StaplerJelly.expressions("${%It's fine} "));
        assertEquals(List.of("h.f('}')"), StaplerJelly.expressions(" ${h.f('}')}"));
        assertThrows(ViewException.class, () -> StaplerJelly.message("%x(it.name, 'y)"));
    }
}
