package io.cairn.mlflow.web;

import io.cairn.common.web.ErrorDialect;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Errors on the MLflow-compatible paths, including those raised by the security filters, in MLflow's shape. */
@Component
public class MlflowErrorDialect implements ErrorDialect {

    /** Where MLflow clients call: the tracking and registry API (both prefixes) and the artifact proxy. */
    public static final List<String> PATH_PREFIXES = List.of("/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/",
            "/api/2.0/mlflow-artifacts/", "/ajax-api/2.0/mlflow-artifacts/");

    private final JsonMapper json;

    public MlflowErrorDialect(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean handles(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return PATH_PREFIXES.stream().anyMatch(path::startsWith);
    }

    @Override
    public void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body(MlflowErrorCode.forStatus(status), detail));
    }

    static Map<String, String> body(MlflowErrorCode code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error_code", code.name());
        body.put("message", message);
        return body;
    }
}
