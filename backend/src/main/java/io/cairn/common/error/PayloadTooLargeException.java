package io.cairn.common.error;

import org.springframework.http.HttpStatus;

/** The request body exceeds a configured limit (HTTP 413). */
public class PayloadTooLargeException extends CairnException {

    public PayloadTooLargeException(String field, String message) {
        super(message, field);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONTENT_TOO_LARGE;
    }
}
