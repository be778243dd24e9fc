package io.cairn.mlflow.web;

import org.springframework.http.HttpStatus;

/** The error codes MLflow clients act on, with the HTTP status MLflow's server answers each with. */
public enum MlflowErrorCode {
    INVALID_PARAMETER_VALUE(HttpStatus.BAD_REQUEST),
    /** MLflow answers an existing name with 400, not 409. */
    RESOURCE_ALREADY_EXISTS(HttpStatus.BAD_REQUEST),
    RESOURCE_DOES_NOT_EXIST(HttpStatus.NOT_FOUND),
    /** A path under the MLflow prefixes that Cairn does not serve, or a known path with another method. */
    ENDPOINT_NOT_FOUND(HttpStatus.NOT_FOUND),
    PERMISSION_DENIED(HttpStatus.FORBIDDEN),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

    final HttpStatus status;

    MlflowErrorCode(HttpStatus status) {
        this.status = status;
    }

    /** The code for an error Cairn raised with {@code status} outside the MLflow controllers (security filters). */
    static MlflowErrorCode forStatus(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> UNAUTHENTICATED;
            case FORBIDDEN -> PERMISSION_DENIED;
            case NOT_FOUND -> RESOURCE_DOES_NOT_EXIST;
            case INTERNAL_SERVER_ERROR -> INTERNAL_ERROR;
            default -> INVALID_PARAMETER_VALUE;
        };
    }
}
