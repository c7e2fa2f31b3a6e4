package hudson.model;

import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

/** Stub of {@code hudson.model.Descriptor}. */
public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
    }

    protected Descriptor(Class<? extends T> clazz) {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public void load() {
        throw new UnsupportedOperationException("stub");
    }

    public void save() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("stub");
    }

    public T newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of {@code hudson.model.Descriptor.FormException}: a form value refused, naming its field. */
    public static final class FormException extends Exception implements HttpResponse {
        public FormException(String message, String formField) {
            super(message);
        }

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
        }

        public FormException(Throwable cause, String formField) {
            super(cause);
        }

        public String getFormField() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
