package hudson.util;

import java.io.IOException;

/**
 * Stub of {@code hudson.util.FormValidation}, with the real one's simple behaviour so unit tests can
 * read a validation result: its {@link #kind} and its message. As in Jenkins, {@code error(String)} and
 * {@code warning(String)} take plain text and keep it HTML-escaped in the message.
 */
public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;
    private static final FormValidation OK = new Result(Kind.OK, null);

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return OK;
    }

    public static FormValidation ok(String message) {
        return new Result(Kind.OK, escape(message));
    }

    public static FormValidation warning(String message) {
        return new Result(Kind.WARNING, escape(message));
    }

    public static FormValidation error(String message) {
        return new Result(Kind.ERROR, escape(message));
    }

    public abstract String renderHtml();

    /** Stub of {@code hudson.util.FormValidation.Kind}. */
    public enum Kind {
        OK, WARNING, ERROR
    }

    /** As Jenkins' {@code Util.escape}: markup characters, line breaks, and runs of spaces kept visible. */
    private static String escape(String text) {
        if (text == null) return null;
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("<br>");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#039;");
                case ' ' -> out.append(i + 1 < text.length() && text.charAt(i + 1) == ' ' ? "&nbsp;" : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final class Result extends FormValidation {
        private static final long serialVersionUID = 1L;

        Result(Kind kind, String message) {
            super(kind, message);
        }

        @Override
        public String renderHtml() {
            return getMessage();
        }
    }
}
