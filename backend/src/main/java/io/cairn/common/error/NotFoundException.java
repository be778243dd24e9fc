package io.cairn.common.error;

import org.springframework.http.HttpStatus;

/** The resource does not exist in the caller's organization (HTTP 404; also for other tenants' ids). */
public class NotFoundException extends CairnException {

    public NotFoundException(String resource, String id) {
        super(resource + " '" + id + "' not found", null);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.NOT_FOUND;
    }
}
