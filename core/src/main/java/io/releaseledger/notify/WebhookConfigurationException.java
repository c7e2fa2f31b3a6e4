package io.releaseledger.notify;

/** A webhook was configured with a value it cannot work with; the message names the field and the fix. */
public final class WebhookConfigurationException extends IllegalArgumentException {

    private final String field;

    WebhookConfigurationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The configuration field at fault, e.g. {@code url}. */
    String field() {
        return field;
    }
}
