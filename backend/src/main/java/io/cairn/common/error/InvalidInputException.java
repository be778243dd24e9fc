package io.cairn.common.error;

import org.springframework.http.HttpStatus;

/** The request is well-formed JSON but one of its values is not acceptable (HTTP 400). */
public class InvalidInputException extends CairnException {

    public InvalidInputException(String field, String message) {
        super(message, field);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.BAD_REQUEST;
    }
}
