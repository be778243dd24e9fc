package io.cairn.common.error;

import org.springframework.http.HttpStatus;

/**
 * A failure a client can act on. Rendered as RFC 9457 problem+json with {@link #status()}, the message
 * as {@code detail} and, where one input is at fault, its JSON path as {@code field}.
 */
public abstract class CairnException extends RuntimeException {

    private final String field;

    protected CairnException(String message, String field) {
        super(message);
        this.field = field;
    }

    public abstract HttpStatus status();

    /** JSON path of the offending input (for example {@code points[3].value}), or null. */
    public String field() {
        return field;
    }
}
