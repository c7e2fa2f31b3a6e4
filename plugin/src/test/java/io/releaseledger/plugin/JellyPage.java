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
 * {@code j:set}, {@code j:if}, {@code l:layout} with {@code l:header} and {@code l:main-panel}, and plain HTML.
 * Any other tag fails the rendering, so the imitation never renders something Jenkins would not.
 *
 * <p>What it imitates: {@code l:layout} (through {@code l:view} and {@code Functions.initPageVariables}) sets
 * {@code rootURL} to the request's context path before it renders its body, so a variable read before the layout
 * is unset; the layout renders its body once per mode ({@code header} into {@code <head>}, {@code main-panel} into
 * {@code <body>}), and {@code l:header} / {@code l:main-panel} render only in their own mode. Expressions are
 * found as Jelly finds them and evaluated with JEXL 1.1; messages render as their key (no properties files);
 * every value is HTML-escaped (escape-by-default); an attribute whose only expression is null is left out.
 */
final class JellyPage {
    private static final String CORE = "jelly:core";
    private static final String LAYOUT = "/lib/layout";
    private static final Set<String> VOID = Set.of("link", "meta", "input", "br", "img", "hr");

    private final Path view;
    private final Map<String, Object> variables = new LinkedHashMap<>();

    JellyPage(Path view) {
        this.view = view;
    }

    JellyPage with(String name, Object value) {
        variables.put(name, value);
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
        new Run(context, vars, contextPath, out).element(doc.getDocumentElement(), null);
        return out.toString();
    }

    private record Run(JexlContext context, Map<String, Object> vars, String contextPath, StringBuilder out) {
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
                    default -> throw new IllegalStateException("<j:" + name + "> is not imitated");
                }
            } else if (LAYOUT.equals(ns)) {
                switch (name) {
                    case "layout" -> layout(e);
                    case "header" -> {
                        if ("header".equals(mode)) children(e, mode);
                    }
                    case "main-panel" -> {
                        if ("main-panel".equals(mode)) children(e, mode);
                    }
                    default -> throw new IllegalStateException("<l:" + name + "> is not imitated");
                }
            } else if (ns == null) {
                html(e, mode);
            } else {
                throw new IllegalStateException("<" + e.getTagName() + "> (" + ns + ") is not imitated");
            }
        }

        /** Jenkins' layout: page variables first, then the body once per mode. */
        private void layout(Element e) throws Exception {
            vars.put("rootURL", contextPath);
            vars.put("resURL", contextPath + "/static/0");
            vars.put("imagesURL", contextPath + "/static/0/images");
            out.append("<!DOCTYPE html><html><head data-rooturl=\"").append(escape(contextPath)).append("\"><title>")
                    .append(escape(text(e.getAttribute("title")))).append("</title>");
            children(e, "header");
            out.append("</head><body><div id=\"main-panel\">");
            children(e, "main-panel");
            out.append("</div></body></html>");
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
