package io.cairn.mlflow.web;

import io.cairn.common.error.CairnException;
import io.cairn.common.error.ConflictException;
import io.cairn.common.error.ForbiddenException;
import io.cairn.common.error.NotFoundException;
import java.util.Map;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/**
 * Errors of the MLflow-compatible controllers (this package only; Cairn's own API keeps problem+json) in
 * MLflow's shape {@code {"error_code", "message"}} with MLflow's statuses, so clients raise the exceptions their
 * users expect: unknown or invisible resources {@code RESOURCE_DOES_NOT_EXIST} (404), bad input and refused
 * changes {@code INVALID_PARAMETER_VALUE} (400), roles too weak {@code PERMISSION_DENIED} (403).
 */
@RestControllerAdvice(basePackageClasses = MlflowErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MlflowErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(MlflowErrorAdvice.class);

    @ExceptionHandler(MlflowException.class)
    ResponseEntity<Map<String, String>> mlflow(MlflowException e) {
        return respond(e.code(), e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return respond(MlflowErrorCode.RESOURCE_DOES_NOT_EXIST, e.getMessage());
    }

    @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class})
    ResponseEntity<Map<String, String>> forbidden(RuntimeException e) {
        return respond(MlflowErrorCode.PERMISSION_DENIED, e.getMessage());
    }

    /**
     * Invalid input, a changed param, a write to a finished or deleted run: MLflow answers these with
     * INVALID_PARAMETER_VALUE (it uses INVALID_STATE, a 500, for some state errors; Cairn never answers 500 for a
     * client's mistake).
     */
    @ExceptionHandler(CairnException.class)
    ResponseEntity<Map<String, String>> cairn(CairnException e) {
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            return respond(MlflowErrorCode.UNAUTHENTICATED, e.getMessage());
        }
        return respond(MlflowErrorCode.INVALID_PARAMETER_VALUE, e instanceof ConflictException || e.field() == null
                ? e.getMessage() : e.getMessage() + " (" + e.field() + ")");
    }

    /** Still racing another writer of the run after Cairn's retries: the client may try again. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Map<String, String>> concurrentChange(ConcurrencyException e) {
        return respond(MlflowErrorCode.INVALID_PARAMETER_VALUE, "The resource was changed concurrently; try again");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        return respond(MlflowErrorCode.INVALID_PARAMETER_VALUE, cause instanceof JacksonException jackson
                ? "Malformed JSON request body: " + jackson.getOriginalMessage()
                : "Malformed request: the body must be a JSON object");
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            HttpMediaTypeNotSupportedException.class})
    ResponseEntity<Map<String, String>> badRequest(Exception e) {
        return respond(MlflowErrorCode.INVALID_PARAMETER_VALUE, e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        log.error("Unexpected failure serving an MLflow request", e);
        return respond(MlflowErrorCode.INTERNAL_ERROR, "An unexpected error occurred; it has been logged");
    }

    private static ResponseEntity<Map<String, String>> respond(MlflowErrorCode code, String message) {
        return ResponseEntity.status(code.status).body(MlflowErrorDialect.body(code, message));
    }
}
