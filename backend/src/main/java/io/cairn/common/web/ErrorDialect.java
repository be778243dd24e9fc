package io.cairn.common.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/**
 * An error format other than problem+json, for paths that speak another API's wire format (the MLflow-compatible
 * API). {@link Problems#write} hands errors raised outside controllers (security filters) to the first dialect that
 * claims the request.
 */
public interface ErrorDialect {

    boolean handles(HttpServletRequest request);

    void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException;
}
