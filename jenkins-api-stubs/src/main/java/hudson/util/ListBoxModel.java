package hudson.util;

import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

/**
 * Stub of {@code hudson.util.ListBoxModel}: the options of a drop-down. {@code add} and {@link Option} behave
 * as the real ones do, so unit tests can read what a {@code doFill…Items} returned.
 */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    private static final long serialVersionUID = 1L;

    public ListBoxModel() {
    }

    public void add(String displayName, String value) {
        add(new Option(displayName, value));
    }

    /** Stub of {@code hudson.util.ListBoxModel.Option}. */
    public static final class Option {
        public String name;
        public String value;

        public Option(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }
}
