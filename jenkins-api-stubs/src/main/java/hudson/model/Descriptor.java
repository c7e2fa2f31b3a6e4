package hudson.model;

import hudson.security.Permission;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

/** Stub of {@code hudson.model.Descriptor}. */
public abstract class Descriptor<T extends Describable<T>> implements Saveable {
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

    @Override
    public void save() {
        throw new UnsupportedOperationException("stub");
    }

    public Permission getRequiredGlobalConfigPagePermission() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("stub");
    }

    public T newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Stub of {@code hudson.model.Descriptor.FormException}: a form value refused, naming its field; keeps the field as
     * the real one does. Jenkins answers it with the message alone (an error page, or a notification under Apply).
     */
    public static final class FormException extends Exception implements HttpResponse {
        private final String formField;

        public FormException(String message, String formField) {
            super(message);
            this.formField = formField;
        }

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
            this.formField = formField;
        }

        public FormException(Throwable cause, String formField) {
            super(cause);
            this.formField = formField;
        }

        public String getFormField() {
            return formField;
        }
    }
}
