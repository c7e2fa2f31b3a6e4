package io.releaseledger.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.jexl.ExpressionFactory;

/**
 * How Stapler's Jelly reads the {@code ${…}} of a view, imitated step by step from the sources Jenkins runs, with
 * the real JEXL 1.1 from Maven Central where Jelly hands an expression to JEXL:
 * <ol>
 *   <li>commons-jelly's {@code CompositeExpression.parse}: finds each {@code ${…}} in an attribute value or a run
 *       of text (a value that is one whole {@code ${…}} is cut at its first {@code '}'}; elsewhere a quote inside
 *       {@code ${…}} opens a string that runs to the matching quote, and an expression never closed is dropped);</li>
 *   <li>Stapler's {@code CustomJellyContext.CustomXMLParser.createExpression}: {@code %…} is a message
 *       ({@code InternationalizedStringExpression}); a {@code "%…"} or {@code '%…'} literal inside an expression
 *       is a message too, the rest is JEXL; anything else is JEXL ({@code JexlExpressionFactory});</li>
 *   <li>Stapler's {@code InternationalizedStringExpression}: the key runs to the first {@code '('}, which starts
 *       the argument list: each argument, split at top-level commas by {@code tokenize}, is a JEXL expression, and
 *       the list must end at the expression's end ({@code "… is missing ')' at the end"} otherwise).</li>
 * </ol>
 * Jenkins runs a fork of JEXL 1.1 that also knows {@code ?:} and {@code a ? b : c}; the views avoid both, so that
 * JEXL 1.1 itself can judge every expression here.
 */
final class StaplerJelly {
    private StaplerJelly() {}

    /** What Stapler rejects, or would render other than the author meant. */
    static final class ViewException extends Exception {
        ViewException(String message) {
            super(message);
        }
    }

    /** A {@code ${%key(arg, …)}} message: its key and its argument expressions (none without a {@code '('}). */
    record Message(String key, List<String> arguments) {}

    /** Stapler's pattern for a message literal inside an ordinary expression: {@code "%…"} or {@code '%…'}. */
    private static final Pattern RESOURCE_LITERAL = Pattern.compile("(\"%[^\"]+\")|('%[^']+')");

    /** The texts inside the {@code ${…}} of one attribute value or run of text, as Jelly finds them. */
    static List<String> expressions(String text) throws ViewException {
        int start = text.indexOf("${");
        if (start < 0) return List.of();
        int end = text.indexOf('}', start + 2);
        if (end < 0) throw new ViewException("Missing '}' character at the end of expression: " + text);
        if (start == 0 && end == text.length() - 1) return List.of(text.substring(2, end));
        List<String> found = new ArrayList<>();
        int len = text.length();
        int cur = 0;
        main:
        while (cur < len) {
            // "$$" and "$x" are text, both characters; "${" opens an expression.
            if (text.charAt(cur) == '$' && cur + 1 < len && text.charAt(++cur) == '{') {
                cur++;
                StringBuilder expr = new StringBuilder();
                while (cur < len) {
                    char c = text.charAt(cur);
                    if (c == '"' || c == '\'') {
                        // Jelly copies up to the matching quote; a backslash escapes nothing there.
                        expr.append(c);
                        cur++;
                        while (cur < len) {
                            char q = text.charAt(cur++);
                            expr.append(q);
                            if (q == c) break;
                        }
                    } else if (c == '}') {
                        found.add(expr.toString());
                        cur++;
                        continue main;
                    } else {
                        expr.append(c);
                        cur++;
                    }
                }
                throw new ViewException("\"${" + expr + "\" never ends for Jelly (a quote inside ${…} opens a string"
                        + " that runs to the end of the text), so Jelly drops it and its text silently");
            }
            cur++;
        }
        return found;
    }

    /**
     * Checks one expression as Stapler compiles it, and returns the messages it contains (none for a plain JEXL
     * expression).
     */
    static List<Message> compile(String expression) throws ViewException {
        if (expression.startsWith("%")) return List.of(message(expression));
        Matcher m = RESOURCE_LITERAL.matcher(expression);
        if (!m.find()) {
            jexl(expression, "expression");
            return List.of();
        }
        List<Message> messages = new ArrayList<>();
        StringBuilder rewritten = new StringBuilder();
        int e = 0;
        do {
            rewritten.append(expression, e, m.start());
            String literal = m.group();
            messages.add(message(literal.substring(1, literal.length() - 1)));
            rewritten.append("__resourceLiteral__").append(messages.size() - 1).append("__.evaluate(context)");
            e = m.end();
        } while (m.find());
        rewritten.append(expression.substring(e));
        jexl(rewritten.toString(), "expression");
        return messages;
    }

    /** {@code InternationalizedStringExpression}'s constructor: {@code text} starts with {@code %}. */
    static Message message(String text) throws ViewException {
        String body = text.substring(1);
        int idx = body.indexOf('(');
        if (idx < 0) return new Message(body, List.of());
        String key = body.substring(0, idx);
        String rest = body.substring(idx + 1);
        List<String> arguments = new ArrayList<>();
        while (!rest.isEmpty()) {
            String token = tokenize(rest, text);
            jexl(token, "argument \"" + token + "\" of the message \"" + key + "\" (the '(' starts Stapler's argument"
                    + " list; rephrase without '(' if it is not one)");
            arguments.add(token);
            rest = rest.substring(token.length() + 1);
        }
        return new Message(key, List.copyOf(arguments));
    }

    /** {@code InternationalizedStringExpression.tokenize}: the first argument of {@code "arg,arg)"}. */
    private static String tokenize(String text, String expressionText) throws ViewException {
        int parenthesis = 0;
        for (int idx = 0; idx < text.length(); idx++) {
            char ch = text.charAt(idx);
            switch (ch) {
                case ',' -> {
                    if (parenthesis == 0) return text.substring(0, idx);
                }
                case '(', '{', '[' -> parenthesis++;
                case ')' -> {
                    if (parenthesis == 0) return text.substring(0, idx);
                    parenthesis--;
                }
                case '}', ']' -> parenthesis--;
                case '"', '\'' -> {
                    int close = text.indexOf(ch, idx + 1);
                    // Stapler sets idx to -1 here and scans again from the start, forever.
                    if (close < 0) {
                        throw new ViewException("%" + expressionText.substring(1) + " has an unclosed " + ch
                                + " in its argument list: Stapler's tokenizer never returns");
                    }
                    idx = close;
                }
                default -> { }
            }
        }
        throw new ViewException(expressionText + " is missing ')' at the end");
    }

    /** JEXL 1.1, as Jelly's {@code JexlExpressionFactory} calls it. */
    static void jexl(String expression, String what) throws ViewException {
        try {
            ExpressionFactory.createExpression(expression);
        } catch (Exception | Error e) {
            String cause = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ViewException(what + " is not a JEXL expression (" + cause + ")");
        }
    }
}
