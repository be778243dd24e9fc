package io.cairn.deployment.web;

import io.cairn.identity.BearerAuthentication;
import io.cairn.identity.Verdict;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers {@code POST /api/v1/deployments/{id}/score} without Spring MVC's dispatch and without the security filter
 * chain. Scoring is the one endpoint called hundreds of times a second: finding the handler among Cairn's several
 * hundred mappings, resolving its arguments and converting its answer took two fifths of the backend's CPU time per
 * score, and the dozen filters of the security chain another sixth.
 *
 * <p>This filter runs just before the security chain. It verifies the bearer credential exactly as the chain's
 * {@code AccessTokenFilter} does ({@link BearerAuthentication}, the same token cache and revocation), puts the
 * principal in the security context, writes the security chain's response headers and calls the same controller
 * method, so authorization, tenancy, routing and telemetry are those of {@link DeploymentController#score}; its
 * exceptions become the same problem+json through the application's exception resolver.
 *
 * <p>Only the plain case is taken here: a POST with a JSON body and a valid bearer credential to a path whose id is
 * made of letters, digits and dashes. Anything else (no or a bad credential, another media type, an odd id, another
 * method) goes on through the security chain to Spring MVC, which answers it as it answers every endpoint — a bad
 * credential's 401 included.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1)
public class ScoreFastPath extends OncePerRequestFilter {

    private static final String PREFIX = "/api/v1/deployments/";
    private static final String SUFFIX = "/score";
    private static final int MAX_ID = 64;
    /** The path as Spring MVC names it, for the {@code uri} tag of the HTTP server metrics. */
    private static final String PATH_PATTERN = "/api/v1/deployments/{id}/score";
    /** The header writers the security chain applies by default to every API answer (HSTS on TLS only). */
    private static final List<HeaderWriter> SECURITY_HEADERS = List.of(new XContentTypeOptionsHeaderWriter(),
            new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY));

    private final DeploymentController controller;
    private final BearerAuthentication bearer;
    private final HandlerExceptionResolver exceptions;

    public ScoreFastPath(DeploymentController controller, BearerAuthentication bearer,
                         @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptions) {
        this.controller = controller;
        this.bearer = bearer;
        this.exceptions = exceptions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = "POST".equals(request.getMethod()) && isJson(request.getContentType()) ? deploymentId(request) : null;
        String token = id == null ? null : BearerAuthentication.credential(request.getHeader(HttpHeaders.AUTHORIZATION));
        Verdict verdict = token == null ? null : bearer.verify(token, request);
        if (!(verdict instanceof Verdict.Valid valid)) {
            chain.doFilter(request, response);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATH_PATTERN));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(BearerAuthentication.authentication(valid.principal()));
        SecurityContextHolder.setContext(context);
        try {
            SECURITY_HEADERS.forEach(writer -> writer.writeHeaders(request, response));
            score(id, request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void score(String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResponseEntity<byte[]> answer;
        try {
            answer = controller.score(id, request.getInputStream().readAllBytes());
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

    /** The id of {@code /api/v1/deployments/{id}/score}, or null for any other path or an id of other characters. */
    private static String deploymentId(HttpServletRequest request) {
        String path = request.getRequestURI();
        int from = request.getContextPath().length() + PREFIX.length();
        int to = path.length() - SUFFIX.length();
        if (to <= from || to - from > MAX_ID || !path.startsWith(PREFIX, from - PREFIX.length())
                || !path.endsWith(SUFFIX)) {
            return null;
        }
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return null;
            }
        }
        return path.substring(from, to);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        if (contentType.equalsIgnoreCase(MediaType.APPLICATION_JSON_VALUE)) {
            return true;
        }
        try {
            return MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
