package io.cairn.mlflow.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What MLflow's server answers for a path it does not serve under its API prefixes: {@code ENDPOINT_NOT_FOUND}
 * (404) in MLflow's shape, so a client calling an endpoint Cairn lacks gets a clear error naming it. Every
 * mapping of the other MLflow controllers is more specific and wins; a known path called with another method
 * lands here too.
 */
@RestController
public class MlflowUnknownEndpointController {

    @RequestMapping({"/api/2.0/mlflow/**", "/ajax-api/2.0/mlflow/**"})
    Object unknown(HttpServletRequest request) {
        throw new MlflowException(MlflowErrorCode.ENDPOINT_NOT_FOUND, "No API endpoint " + request.getMethod() + " "
                + request.getRequestURI() + " (see docs/mlflow.md for what Cairn serves)");
    }
}
