package io.cairn.common.error;

import org.springframework.http.HttpStatus;

/** The request contradicts the resource's current state (HTTP 409), e.g. finishing a finished run. */
public class ConflictException extends CairnException {

    public ConflictException(String field, String message) {
        super(message, field);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }
}
