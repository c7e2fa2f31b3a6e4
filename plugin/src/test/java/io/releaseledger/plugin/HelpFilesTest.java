package io.releaseledger.plugin;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Help for every field of every form and for every step and describable, found as Jenkins finds it
 * ({@code Descriptor.getHelpFile(field)}: {@code help-FIELD.html} beside the class's views, then beside each
 * superclass's; {@code help.html} for the describable itself), and every help file fit to be put into a Jenkins page:
 * one {@code <div>} of well-formed markup (Jenkins inserts it into the page as it is), no script, no event handler,
 * no inline style (Jenkins' CSP), no {@code javascript:} link, and no help file that no field asks for.
 */
public class HelpFilesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern HELP_FILE_OF = Pattern.compile("descriptor\\.getHelpFile\\('([A-Za-z0-9]+)'\\)");

    /** The forms: {@code config.jelly} of each class, with the class it belongs to. */
    private record Form(Path page, Class<?> owner) {}

    private static List<Form> forms() throws Exception {
        List<Form> forms = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            for (Path page : files.filter(p -> p.getFileName().toString().equals("config.jelly")).sorted().toList()) {
                String name = RESOURCES.relativize(page.getParent()).toString().replace('/', '.');
                forms.add(new Form(page, Class.forName(name, false, HelpFilesTest.class.getClassLoader())));
            }
        }
        return forms;
    }

    /** {@code Descriptor.getHelpFile}: the help file beside the class's views, else beside a superclass's; or null. */
    static Path helpFile(Class<?> owner, String field) {
        String name = field == null ? "help.html" : "help-" + field + ".html";
        for (Class<?> k = owner; k != null && k != Object.class; k = k.getSuperclass()) {
            Path file = RESOURCES.resolve(k.getName().replace('.', '/').replace('$', '/')).resolve(name);
            if (Files.isRegularFile(file)) return file;
        }
        return null;
    }

    /** What asks for help in a form: each {@code field}, and each entry's {@code help="${descriptor.getHelpFile('x')}"}. */
    static Set<String> helpedFields(Path page, List<String> problems) throws Exception {
        Document doc = JellyViewsTest.parse(page);
        Set<String> fields = new TreeSet<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("field")) fields.add(e.getAttribute("field"));
            Matcher m = HELP_FILE_OF.matcher(e.getAttribute("help"));
            if (m.find()) fields.add(m.group(1));
            boolean entry = "/lib/form".equals(e.getNamespaceURI()) && e.getLocalName().equals("entry");
            if (entry && e.hasAttribute("title") && !e.hasAttribute("field") && !e.hasAttribute("help")) {
                problems.add(page + ": the entry \"" + e.getAttribute("title") + "\" has neither a field nor help");
            }
        }
        return fields;
    }

    @Test
    public void everyFieldOfEveryFormHasAHelpFileAndNoHelpFileIsLeftOver() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<Path> used = new TreeSet<>();
        List<Form> forms = forms();
        assertTrue("the plugin's forms are found: " + forms, forms.size() >= 16);
        for (Form form : forms) {
            for (String field : helpedFields(form.page(), problems)) {
                Path help = helpFile(form.owner(), field);
                if (help == null) {
                    problems.add(form.owner().getSimpleName() + "." + field + " has no help-" + field + ".html");
                } else {
                    used.add(help);
                }
            }
            Path own = helpFile(form.owner(), null);
            if (own != null) used.add(own);
        }
        for (Class<?> c : SnippetGeneratorFormsTest.dataBoundClasses()) {
            if (!Modifier.isAbstract(c.getModifiers()) && helpFile(c, null) == null) {
                problems.add(c.getSimpleName() + " has no help.html (the Snippet Generator and its list entries show it)");
            }
        }
        for (Path file : helpFiles()) {
            if (!used.contains(file)) problems.add(RESOURCES.relativize(file) + " is help for no field of any form");
        }
        assertEquals("help files:\n  " + String.join("\n  ", problems), List.of(), problems);
        assertTrue("as many as the forms ask for: " + used.size(), used.size() >= 90);
    }

    static List<Path> helpFiles() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(p -> p.getFileName().toString().matches("help(-[A-Za-z0-9]+)?\\.html")).sorted().toList();
        }
    }

    @Test
    public void everyHelpFileIsOneWellFormedDivWithoutScriptHandlerOrStyle() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path file : helpFiles()) {
            for (String problem : problems(Files.readString(file, StandardCharsets.UTF_8))) {
                problems.add(RESOURCES.relativize(file) + ": " + problem);
            }
        }
        assertEquals("help files:\n  " + String.join("\n  ", problems), List.of(), problems);
    }

    /** Everything wrong with one help file's text; empty when Jenkins can put it into a page as it is. */
    static List<String> problems(String html) {
        List<String> problems = new ArrayList<>();
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            try (InputStream in = new java.io.ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))) {
                doc = factory.newDocumentBuilder().parse(in);
            }
        } catch (Exception e) {
            return List.of("not one well-formed element: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("div")) problems.add("the root is <" + root.getTagName() + ">, not <div>");
        if (root.getTextContent().isBlank()) problems.add("says nothing");
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String tag = e.getTagName().toLowerCase(Locale.ROOT);
            if (Set.of("script", "style", "iframe", "object", "embed", "form").contains(tag)) problems.add("has <" + tag + ">");
            NamedNodeMap attributes = e.getAttributes();
            for (int j = 0; j < attributes.getLength(); j++) {
                Attr a = (Attr) attributes.item(j);
                String name = a.getName().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) problems.add("<" + tag + "> has the event handler " + a.getName());
                if (name.equals("style")) problems.add("<" + tag + "> has a style attribute");
                if (a.getValue().toLowerCase(Locale.ROOT).replaceAll("\\s", "").contains("javascript:")) {
                    problems.add("<" + tag + "> links to javascript:");
                }
            }
        }
        return problems;
    }

    // --- the checks catch what they are for ----------------------------------------------------------------------

    @Test
    public void aMalformedOrScriptedHelpFileIsCaught() {
        assertEquals(List.of(), problems("<div><p>The version, e.g. <code>1.4.2</code>.</p><pre>a &lt; b</pre></div>"));
        assertThat(problems("<div><p>unclosed</div>").get(0), containsString("not one well-formed element"));
        assertThat(problems("<div>a<br>b</div>").get(0), containsString("not one well-formed element"));
        assertThat(problems("<div>&nbsp;</div>").get(0), containsString("not one well-formed element"));
        assertThat(problems("<p>x</p>").get(0), containsString("not <div>"));
        assertThat(problems("<div>x<script>alert(1)</script></div>").get(0), containsString("has <script>"));
        assertThat(problems("<div><a href=\"#\" onclick=\"x()\">x</a></div>").get(0), containsString("event handler onclick"));
        assertThat(problems("<div><a href=\"java\nscript:x()\">x</a></div>").get(0), containsString("javascript:"));
        assertThat(problems("<div><p style=\"color:red\">x</p></div>").get(0), containsString("style attribute"));
        assertThat(problems("<div> </div>").get(0), containsString("says nothing"));
    }

    @Test
    public void aFieldWithoutHelpAndAnEntryWithoutFieldOrHelpAreFound() throws Exception {
        Path dir = Files.createTempDirectory("help-form");
        Path page = dir.resolve("config.jelly");
        Files.writeString(page, "<?jelly escape-by-default='true'?><j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\">"
                + "<f:entry title=\"A\" field=\"environment\"><f:textbox/></f:entry>"
                + "<f:entry title=\"B\"><f:repeatableProperty field=\"freezes\"/></f:entry>"
                + "<f:entry title=\"C\" help=\"${descriptor.getHelpFile('nothing')}\"/>"
                + "<f:entry><f:repeatableDeleteButton/></f:entry></j:jelly>");
        List<String> problems = new ArrayList<>();
        assertEquals(Set.of("environment", "freezes", "nothing"), helpedFields(page, problems));
        assertEquals(1, problems.size());
        assertThat(problems.get(0), containsString("the entry \"B\" has neither a field nor help"));
        assertTrue(helpFile(DeployReleaseStep.class, "environment") != null);
        assertEquals("a superclass's help serves its subclasses, as Descriptor.getHelpFile walks them",
                helpFile(HealthCheckSpec.class, "timeout"), helpFile(HttpCheckSpec.class, "timeout"));
        assertEquals(null, helpFile(DeployReleaseStep.class, "nothing"));
    }
}
