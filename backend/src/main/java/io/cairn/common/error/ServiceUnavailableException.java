package io.cairn.common.error;

import org.springframework.http.HttpStatus;

/**
 * A server Cairn depends on for this request (for example the search cluster) does not answer; the client
 * may retry later (HTTP 503). Everything that does not need that server keeps working.
 */
public class ServiceUnavailableException extends CairnException {

    public ServiceUnavailableException(String message) {
        super(message, null);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.SERVICE_UNAVAILABLE;
    }
}
