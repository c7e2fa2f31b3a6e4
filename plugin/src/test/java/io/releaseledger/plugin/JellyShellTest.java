package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ProcessingInstruction;

/** The Jelly views as XML: escaped by default, no inline script, style or handler, and the shell's data-* attributes. */
public class JellyShellTest {
    private static final Path RESOURCES = Path.of("src/main/resources");

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static List<Path> jellyFiles() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    private static List<Element> elements(Node node) {
        List<Element> all = new ArrayList<>();
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                all.add(e);
                all.addAll(elements(e));
            }
        }
        return all;
    }

    @Test
    public void theReleasesShellMountsTheBundledModulesWithItsConfigurationInDataAttributes() throws Exception {
        Document doc = parse(RESOURCES.resolve("io/releaseledger/plugin/ReleasesRootAction/index.jelly"));
        Element mount = null;
        List<String> scripts = new ArrayList<>();
        for (Element e : elements(doc)) {
            if ("release-ledger".equals(e.getAttribute("id"))) mount = e;
            if (e.getLocalName().equals("script")) {
                assertEquals("module", e.getAttribute("type"));
                scripts.add(e.getAttribute("src"));
            }
        }
        assertTrue("the console's root element", mount != null);
        assertEquals("${base}api/", mount.getAttribute("data-api"));
        assertEquals("${base}", mount.getAttribute("data-actions"));
        assertEquals("${h.getCrumbRequestField()}", mount.getAttribute("data-crumb-field"));
        assertEquals("${h.getCrumb(request2)}", mount.getAttribute("data-crumb"));
        assertEquals("${it.mayApprove}", mount.getAttribute("data-may-approve"));
        assertEquals("${it.mayRollback}", mount.getAttribute("data-may-rollback"));
        assertEquals(List.of("${base}app.js", "${base}jenkins-actions.js"), scripts);
        String text = Files.readString(RESOURCES.resolve("io/releaseledger/plugin/ReleasesRootAction/index.jelly"));
        assertTrue("the view checks Release Ledger/View before rendering", text.contains("${it.checkViewPermission()}"));
        assertTrue(text.contains("<j:set var=\"base\" value=\"${rootURL}/${it.urlName}/\"/>"));
    }

    @Test
    public void thePluginsScriptInsertsTextOnlyAndSendsTheCrumb() throws IOException {
        String js = Files.readString(RESOURCES.resolve("io/releaseledger/plugin/ui/jenkins-actions.js"));
        for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")) {
            assertFalse(sink, js.contains(sink));
        }
        assertTrue(js.contains("root.dataset") && js.contains("crumbField") && js.contains("crumb"));
    }

    /** Issue 16: the plugin's script builds on the console's modules instead of writing its own DOM and HTTP helpers. */
    @Test
    public void thePluginsScriptUsesTheConsolesModulesForDomAndHttp() throws IOException {
        String js = Files.readString(RESOURCES.resolve("io/releaseledger/plugin/ui/jenkins-actions.js"));
        assertTrue(js.contains("import { postForm } from './api.js';"));
        assertTrue(js.contains("import { el, replace } from './dom.js';"));
        for (String own : List.of("fetch(", "document.createElement", "new URLSearchParams", "response.json")) {
            assertFalse("jenkins-actions.js does itself what api.js and dom.js do: " + own, js.contains(own));
        }
    }
}
