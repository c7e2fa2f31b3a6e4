package io.releaseledger.web;

/** Something the request names does not exist: answered 404 with what was looked for. */
final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    NotFound(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
