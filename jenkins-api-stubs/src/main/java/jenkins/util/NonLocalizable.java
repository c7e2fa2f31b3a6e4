package jenkins.util;

import java.util.Locale;
import org.jvnet.localizer.Localizable;

/** Stub of {@code jenkins.util.NonLocalizable}: the same text in every locale, as in Jenkins. */
public class NonLocalizable extends Localizable {
    private static final long serialVersionUID = 1L;
    private final String text;

    public NonLocalizable(String text) {
        super(null, null);
        this.text = text;
    }

    @Override
    public String toString(Locale locale) {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
