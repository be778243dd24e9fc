package io.cairn.common.error;

import org.springframework.http.HttpStatus;

/** The resource does not exist in the caller's organization (HTTP 404; also for other tenants' ids). */
public class NotFoundException extends CairnException {

    public NotFoundException(String resource, String id) {
        this(resource, id, null);
    }

    /** A resource named by a request field (a run id in a request body, say) that does not exist. */
    public NotFoundException(String resource, String id, String field) {
        super(resource + " '" + id + "' not found", field);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.NOT_FOUND;
    }
}
