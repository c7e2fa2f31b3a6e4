package hudson.console;

import java.io.IOException;

/**
 * Stub of {@code hudson.console.HyperlinkNote}: turns the text that follows it into a link. A URL starting with
 * {@code /} is taken within Jenkins' context path when the log is shown.
 */
public class HyperlinkNote extends ConsoleNote {
    private static final long serialVersionUID = 3908468829358026949L;

    private final String url;
    private final int length;

    public HyperlinkNote(String url, int length) {
        this.url = url;
        this.length = length;
    }

    /** The note followed by {@code text} (newlines made spaces, as a note covers one line). */
    public static String encodeTo(String url, String text) {
        text = text.replace('\n', ' ');
        try {
            return new HyperlinkNote(url, text.length()).encode() + text;
        } catch (IOException e) {
            return text;
        }
    }
}
