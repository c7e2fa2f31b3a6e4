package io.releaseledger.plugin;

import io.releaseledger.plugin.StaplerJelly.ViewException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl.ExpressionFactory;
import org.apache.commons.jexl.JexlContext;
import org.apache.commons.jexl.JexlHelper;
import org.w3c.dom.Attr;
import org.w3c.dom.CharacterData;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Renders a page view as Stapler and Jenkins' layout would, for the tags such a page uses: {@code j:jelly},
 * {@code j:set}, {@code j:if}, {@code j:forEach}, {@code l:layout} with {@code l:header}, {@code l:side-panel},
 * {@code l:tasks}, {@code l:task}, {@code l:main-panel}, {@code l:app-bar} and {@code l:breadcrumb}, and plain HTML.
 * Any other tag fails the rendering, so the imitation never renders something Jenkins would not.
 *
 * <p>What it imitates: {@code l:layout} (through {@code l:view} and {@code Functions.initPageVariables}) sets
 * {@code rootURL} to the request's context path before it renders its body, so a variable read before the layout
 * is unset; the layout renders its body once per mode ({@code header} into {@code <head>}, {@code breadcrumbs} into
 * the breadcrumb bar after the ancestors' crumbs, {@code side-panel} and {@code main-panel} into the page body), and
 * each of {@code l:header}, {@code l:breadcrumb}, {@code l:side-panel}, {@code l:main-panel} renders only in its own
 * mode. The markup is that of Jenkins 2.516's tags, reduced to the elements and classes scripts and styles address:
 * the breadcrumb bar {@code #breadcrumbBar > ol#breadcrumbs > li.jenkins-breadcrumbs__list-item} (a link, or the
 * current page's text with {@code aria-current="page"}), {@code #side-panel > #tasks > .task > .task-link-wrapper >
 * a.task-link} with {@code .task-icon-link} and {@code .task-link-text}, {@code #main-panel}, and the app bar
 * {@code .jenkins-app-bar > .jenkins-app-bar__content > h1} beside {@code .jenkins-app-bar__controls} holding the
 * tag's body. A task's icon is an empty {@code span} naming the symbol ({@code data-icon}); Jenkins draws the SVG. In
 * {@code <head>} the layout links what stands in for Jenkins' own styles and scripts ({@code RESOURCES}/jsbundles/
 * {@code styles.css} and {@code app.js}: see {@code src/test/resources/…/jenkins-imitation/}). Expressions are found
 * as Jelly finds them and evaluated with JEXL 1.1; messages render as their key (no properties files); every value
 * is HTML-escaped (escape-by-default); an attribute whose only expression is null is left out.
 */
final class JellyPage {
    private static final String CORE = "jelly:core";
    private static final String LAYOUT = "/lib/layout";
    private static final Set<String> VOID = Set.of("link", "meta", "input", "br", "img", "hr");

    /** Where Jenkins serves its own static files below the context path ({@code resURL}). */
    static final String RESOURCES = "/static/0";

    /** A crumb Jenkins draws for one of the request's ancestors ("Dashboard", then each model object). */
    record Crumb(String title, String url) {}

    private final Path view;
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private List<Crumb> ancestors = List.of();

    JellyPage(Path view) {
        this.view = view;
    }

    JellyPage with(String name, Object value) {
        variables.put(name, value);
        return this;
    }

    /** The crumbs Jenkins draws for the request's ancestors, before those the page adds; URLs below the context path. */
    JellyPage ancestors(List<Crumb> crumbs) {
        this.ancestors = List.copyOf(crumbs);
        return this;
    }

    /** The HTML of the page for a request to a Jenkins served at {@code contextPath} (e.g. {@code /jenkins}). */
    String render(String contextPath) throws Exception {
        Document doc = JellyViewsTest.parse(view);
        JexlContext context = JexlHelper.createContext();
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = context.getVars();
        vars.putAll(variables);
        StringBuilder out = new StringBuilder();
        new Run(context, vars, contextPath, ancestors, out).element(doc.getDocumentElement(), null);
        return out.toString();
    }

    private record Run(JexlContext context, Map<String, Object> vars, String contextPath, List<Crumb> ancestors,
            StringBuilder out) {
        void children(Element e, String mode) throws Exception {
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element child) {
                    element(child, mode);
                } else if (n instanceof CharacterData text && !(n instanceof Comment)) {
                    out.append(escape(text(text.getData())));
                }
            }
        }

        void element(Element e, String mode) throws Exception {
            String ns = e.getNamespaceURI();
            String name = e.getLocalName();
            if (CORE.equals(ns)) {
                switch (name) {
                    case "jelly" -> children(e, mode);
                    case "set" -> vars.put(e.getAttribute("var"), value(e.getAttribute("value")));
                    case "if" -> {
                        if (Boolean.TRUE.equals(value(e.getAttribute("test")))) children(e, mode);
                    }
                    case "forEach" -> {
                        for (Object item : (Iterable<?>) value(e.getAttribute("items"))) {
                            vars.put(e.getAttribute("var"), item);
                            children(e, mode);
                        }
                        vars.remove(e.getAttribute("var"));
                    }
                    default -> throw new IllegalStateException("<j:" + name + "> is not imitated");
                }
            } else if (LAYOUT.equals(ns)) {
                switch (name) {
                    case "layout" -> layout(e);
                    case "header", "main-panel", "side-panel" -> {
                        if (name.equals(mode)) children(e, mode);
                    }
                    case "breadcrumb" -> {
                        if ("breadcrumbs".equals(mode)) {
                            crumb(text(e.getAttribute("title")), e.hasAttribute("href") ? attribute(e.getAttribute("href")) : null);
                        }
                    }
                    case "tasks" -> {
                        out.append("<div id=\"tasks\">");
                        children(e, mode);
                        out.append("</div>");
                    }
                    case "task" -> task(e);
                    case "app-bar" -> appBar(e, mode);
                    default -> throw new IllegalStateException("<l:" + name + "> is not imitated");
                }
            } else if (ns == null) {
                html(e, mode);
            } else {
                throw new IllegalStateException("<" + e.getTagName() + "> (" + ns + ") is not imitated");
            }
        }

        /** Jenkins' layout: page variables first, then the body once per mode, each into its place on the page. */
        private void layout(Element e) throws Exception {
            String resources = contextPath + RESOURCES;
            vars.put("rootURL", contextPath);
            vars.put("resURL", resources);
            vars.put("imagesURL", resources + "/images");
            out.append("<!DOCTYPE html><html><head data-rooturl=\"").append(escape(contextPath)).append("\"><title>")
                    .append(escape(text(e.getAttribute("title")))).append(" [Jenkins]</title>")
                    .append("<link rel=\"stylesheet\" href=\"").append(escape(resources)).append("/jsbundles/styles.css\">")
                    .append("<script src=\"").append(escape(resources)).append("/jsbundles/app.js\"></script>");
            children(e, "header");
            out.append("</head><body id=\"jenkins\"><header id=\"page-header\" class=\"page-header\">")
                    .append("<div id=\"breadcrumbBar\" class=\"jenkins-breadcrumbs\" aria-label=\"breadcrumb\">")
                    .append("<ol class=\"jenkins-breadcrumbs__list\" id=\"breadcrumbs\">");
            for (Crumb c : ancestors) crumb(c.title(), contextPath + c.url());
            children(e, "breadcrumbs");
            String columns = "one-column".equals(e.getAttribute("type")) ? "one-column" : "two-column";
            out.append("</ol></div></header><div id=\"page-body\" class=\"app-page-body app-page-body--")
                    .append(columns).append("\">");
            if (columns.equals("two-column")) {
                out.append("<div id=\"side-panel\">");
                children(e, "side-panel");
                out.append("</div>");
            }
            out.append("<div id=\"main-panel\">");
            children(e, "main-panel");
            out.append("</div></div></body></html>");
        }

        /** {@code l:breadcrumb}: a link, or without {@code href} the current page's name. */
        private void crumb(String title, Object href) {
            out.append("<li class=\"jenkins-breadcrumbs__list-item\"");
            if (href == null) {
                out.append(" aria-current=\"page\"><span>").append(escape(title)).append("</span></li>");
            } else {
                out.append("><a href=\"").append(escape(href.toString())).append("\">").append(escape(title)).append("</a></li>");
            }
        }

        /** {@code l:task}: a link with its icon and title in the side panel's list. */
        private void task(Element e) throws Exception {
            String title = text(e.getAttribute("title"));
            out.append("<div class=\"task\"><span class=\"task-link-wrapper\"><a href=\"")
                    .append(escape(text(e.getAttribute("href")))).append("\" class=\"task-link\" title=\"")
                    .append(escape(title)).append("\"><span class=\"task-icon-link\" data-icon=\"")
                    .append(escape(text(e.getAttribute("icon")))).append("\"></span><span class=\"task-link-text\">")
                    .append(escape(title)).append("</span></a></span></div>");
        }

        /** {@code l:app-bar}: the title as the page's heading, the body as its controls. */
        private void appBar(Element e, String mode) throws Exception {
            out.append("<div class=\"jenkins-app-bar\"><div class=\"jenkins-app-bar__content\"><h1>")
                    .append(escape(text(e.getAttribute("title")))).append("</h1></div>")
                    .append("<div class=\"jenkins-app-bar__controls\">");
            children(e, mode);
            out.append("</div></div>");
        }

        private void html(Element e, String mode) throws Exception {
            out.append('<').append(e.getTagName());
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr a = (Attr) attributes.item(i);
                if (a.getName().startsWith("xmlns")) continue;
                Object v = attribute(a.getValue());
                if (v != null) out.append(' ').append(a.getName()).append("=\"").append(escape(v.toString())).append('"');
            }
            out.append('>');
            if (VOID.contains(e.getLocalName())) return;
            children(e, mode);
            out.append("</").append(e.getTagName()).append('>');
        }

        /** An attribute's value: a lone expression keeps its value (null leaves the attribute out), else text. */
        private Object attribute(String raw) throws Exception {
            List<String> found = StaplerJelly.expressions(raw);
            if (found.size() == 1 && raw.equals("${" + found.get(0) + "}")) return evaluate(found.get(0));
            return text(raw);
        }

        private Object value(String raw) throws Exception {
            return attribute(raw);
        }

        /** Text with its expressions replaced by their values (null as nothing), as Jelly's CompositeExpression. */
        private String text(String raw) throws ViewException {
            StringBuilder s = new StringBuilder();
            int from = 0;
            for (String expression : StaplerJelly.expressions(raw)) {
                int at = raw.indexOf("${" + expression + "}", from);
                s.append(raw, from, at);
                Object v = evaluate(expression);
                if (v != null) s.append(v);
                from = at + expression.length() + 3;
            }
            return s.append(raw.substring(from)).toString();
        }

        private Object evaluate(String expression) {
            if (expression.startsWith("%")) {
                try {
                    return StaplerJelly.message(expression).key();
                } catch (ViewException e) {
                    throw new IllegalStateException(e.getMessage());
                }
            }
            try {
                return ExpressionFactory.createExpression(expression).evaluate(context);
            } catch (Exception e) {
                throw new IllegalStateException("${" + expression + "}: " + e, e);
            }
        }
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
