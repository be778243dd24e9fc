package io.cairn.common.web;

import io.cairn.common.error.CairnException;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into RFC 9457 problem+json with a precise {@code detail} and, where one input is at
 * fault, its JSON path as {@code field}. Unexpected failures are logged and answered with a 500 that
 * reveals nothing of the server's internals.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(CairnException.class)
    ResponseEntity<ProblemDetail> cairn(CairnException e) {
        return respond(Problems.of(e.status(), e.getMessage(), e.field()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return respond(Problems.of(HttpStatus.NOT_FOUND, "Resource '" + e.getAggregateIdentifier() + "' not found", null));
    }

    /** Still racing another writer after {@code Commands}' retries: the client may try again. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return respond(Problems.of(HttpStatus.CONFLICT, "The resource was changed concurrently; try again", null));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return respond(Problems.of(HttpStatus.FORBIDDEN, e.getMessage(), null));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(Problems.of(HttpStatus.BAD_REQUEST,
                "'" + e.getValue() + "' is not a valid value for '" + e.getName() + "'", e.getName()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure serving a request", e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged", null));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CairnException cairn) {
                return body(Problems.of(cairn.status(), cairn.getMessage(), cairn.field()));
            }
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown.getPath());
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            return body(Problems.of(HttpStatus.BAD_REQUEST, "Unknown field '" + field + "'"
                    + (known.isEmpty() ? "" : "; expected one of " + String.join(", ", known)), field));
        }
        if (cause instanceof InvalidFormatException invalid) {
            String field = path(invalid.getPath());
            return body(Problems.of(HttpStatus.BAD_REQUEST, "Field '" + field + "' has an invalid value '"
                    + invalid.getValue() + "' (expected " + simpleName(invalid.getTargetType()) + ")", field));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String field = path(mismatched.getPath());
            return body(Problems.of(HttpStatus.BAD_REQUEST, "Field '" + field + "' has the wrong type (expected "
                    + simpleName(mismatched.getTargetType()) + ")", field));
        }
        if (cause instanceof JacksonException jackson) {
            return body(Problems.of(HttpStatus.BAD_REQUEST, "Malformed JSON: " + jackson.getOriginalMessage(),
                    jackson.getPath().isEmpty() ? null : path(jackson.getPath())));
        }
        return body(Problems.of(HttpStatus.BAD_REQUEST, "The request body is missing or unreadable", null));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return body(Problems.of(HttpStatus.BAD_REQUEST, "Query parameter '" + e.getParameterName() + "' is required",
                e.getParameterName()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            return body(Problems.of(HttpStatus.BAD_REQUEST, "Header '" + missing.getHeaderName() + "' is required",
                    missing.getHeaderName()));
        }
        return super.handleExceptionInternal(e, body, headers, statusCode, request);
    }

    static String path(List<JacksonException.Reference> references) {
        return references.stream()
                .map(r -> r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "." + r.getPropertyName())
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private static String simpleName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return type.getSimpleName();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ResponseEntity<Object> body(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
