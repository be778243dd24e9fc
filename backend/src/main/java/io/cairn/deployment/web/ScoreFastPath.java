package io.cairn.deployment.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers {@code POST /api/v1/deployments/{id}/score} without Spring MVC's dispatch. Scoring is the one endpoint
 * called hundreds of times a second, and finding the handler among Cairn's several hundred mappings, resolving its
 * arguments and converting its answer took two fifths of the backend's CPU time per score. This filter runs after
 * the security filter chain (the caller is authenticated exactly as for any other request) and calls the same
 * controller method, so authorization, routing and telemetry are those of {@link DeploymentController#score}; its
 * exceptions become the same problem+json through the application's exception resolver.
 *
 * <p>Only the plain case is taken here: a POST with a JSON body to a path whose id is made of letters, digits and
 * dashes. Anything else (another media type, an odd id, another method) goes on to Spring MVC, which answers it as
 * it answers every endpoint.
 */
@Component
public class ScoreFastPath extends OncePerRequestFilter {

    private static final Pattern PATH = Pattern.compile("/api/v1/deployments/([A-Za-z0-9-]{1,64})/score");

    private final DeploymentController controller;
    private final HandlerExceptionResolver exceptions;

    public ScoreFastPath(DeploymentController controller,
                         @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptions) {
        this.controller = controller;
        this.exceptions = exceptions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = "POST".equals(request.getMethod()) && isJson(request.getContentType())
                ? PATH.matcher(request.getRequestURI().substring(request.getContextPath().length())) : null;
        if (path == null || !path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        ResponseEntity<byte[]> answer;
        try {
            answer = controller.score(path.group(1), request.getInputStream().readAllBytes());
        } catch (RuntimeException e) {
            if (exceptions.resolveException(request, response, null, e) == null) {
                throw e;
            }
            return;
        }
        response.setStatus(answer.getStatusCode().value());
        for (Map.Entry<String, List<String>> header : answer.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
