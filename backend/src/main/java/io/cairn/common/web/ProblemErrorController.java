package io.cairn.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised before a controller runs (a URL the servlet container rejects, an unknown path) are
 * answered as problem+json too, never as an HTML page or a stack trace.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = switch (status) {
            case NOT_FOUND -> "No resource at this path";
            case BAD_REQUEST -> "The request could not be parsed (check the URL and its encoding)";
            case INTERNAL_SERVER_ERROR -> "An unexpected error occurred; it has been logged";
            default -> status.getReasonPhrase();
        };
        ProblemDetail problem = Problems.of(status, detail, null);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            try {
                problem.setInstance(URI.create(uri.toString()));
            } catch (IllegalArgumentException unparseable) {
                // the instance is optional; a URI the container could not parse is left out
            }
        }
        return ResponseEntity.status(status).body(problem);
    }
}
