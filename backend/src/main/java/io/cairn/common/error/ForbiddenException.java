package io.cairn.common.error;

import org.springframework.http.HttpStatus;

/**
 * The caller may not do this to this resource in its current state (HTTP 403), for example approving a change
 * they requested themselves. Role checks that need no resource state raise Spring's {@code AccessDeniedException}.
 */
public class ForbiddenException extends CairnException {

    public ForbiddenException(String message) {
        super(message, null);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.FORBIDDEN;
    }
}
