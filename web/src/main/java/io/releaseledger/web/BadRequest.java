package io.releaseledger.web;

/** A query parameter the API cannot use; answered 400 with the parameter's name and what is allowed. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    BadRequest(String field, String message) {
        super(message, null, false, false); // no stack trace: it is the user's mistake, not the server's
        this.field = field;
    }

    String field() {
        return field;
    }
}
