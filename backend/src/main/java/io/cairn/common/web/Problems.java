package io.cairn.common.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem details, and writes them where no controller advice runs (security filters); a path
 * claimed by an {@link ErrorDialect} gets its error in that dialect instead.
 */
@Component
public class Problems {

    private final JsonMapper json;
    private final List<ErrorDialect> dialects;

    public Problems(JsonMapper json, List<ErrorDialect> dialects) {
        this.json = json;
        this.dialects = List.copyOf(dialects);
    }

    public static ProblemDetail of(HttpStatus status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://cairn.dev/problems/" + slug(status)));
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        for (ErrorDialect dialect : dialects) {
            if (dialect.handles(request)) {
                dialect.write(response, status, detail);
                return;
            }
        }
        ProblemDetail problem = of(status, detail, null);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static String slug(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase().replace(' ', '-');
    }
}
