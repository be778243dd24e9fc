package io.cairn.deployment.web;

import io.cairn.identity.BearerAuthentication;
import io.cairn.identity.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.observation.ServerRequestObservationContext;
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
 *
 * <p>Requests to the score path are timed by their own meter, {@value #METER} (tag {@code outcome}), and are left
 * out of {@code http.server.requests}: that observation (its context, its handlers, a timer looked up by five tags)
 * was a fifth of the backend's CPU time per score, more than the scoring code itself. Per deployment and version the
 * deployment telemetry ({@link io.cairn.deployment.serving.DeploymentTelemetry}) counts and times them too.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1)
public class ScoreFastPath extends OncePerRequestFilter {

    static final String METER = "cairn.deployments.score";

    private static final String PREFIX = "/api/v1/deployments/";
    private static final String SUFFIX = "/score";
    private static final int MAX_ID = 64;
    /** The header writers the security chain applies by default to every API answer (HSTS on TLS only). */
    private static final List<HeaderWriter> SECURITY_HEADERS = List.of(new XContentTypeOptionsHeaderWriter(),
            new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY));

    private final DeploymentController controller;
    private final BearerAuthentication bearer;
    private final HandlerExceptionResolver exceptions;
    private final MeterRegistry registry;
    private final Timer successes;
    private final Timer clientErrors;
    private final Timer serverErrors;

    public ScoreFastPath(DeploymentController controller, BearerAuthentication bearer,
                         @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptions,
                         MeterRegistry registry) {
        this.controller = controller;
        this.bearer = bearer;
        this.exceptions = exceptions;
        this.registry = registry;
        this.successes = timer("SUCCESS");
        this.clientErrors = timer("CLIENT_ERROR");
        this.serverErrors = timer("SERVER_ERROR");
    }

    private Timer timer(String outcome) {
        return Timer.builder(METER).description("Scoring requests, answered or refused, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /** The timer of an answer's status class, as {@code http.server.requests} names outcomes. */
    private Timer timerOf(int status) {
        return switch (status / 100) {
            case 2 -> successes;
            case 4 -> clientErrors;
            case 5 -> serverErrors;
            case 1 -> timer("INFORMATIONAL");
            case 3 -> timer("REDIRECTION");
            default -> timer("UNKNOWN");
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isScorePath(request)) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        try {
            scoreOrPass(request, response, chain);
        } finally {
            timerOf(response.getStatus()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void scoreOrPass(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = "POST".equals(request.getMethod()) && isJson(request.getContentType()) ? deploymentId(request) : null;
        String token = id == null ? null : BearerAuthentication.credential(request.getHeader(HttpHeaders.AUTHORIZATION));
        Verdict verdict = token == null ? null : bearer.verify(token, request);
        if (!(verdict instanceof Verdict.Valid valid)) {
            chain.doFilter(request, response);
            return;
        }
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

    /**
     * Keeps requests to the score path out of {@code http.server.requests}; {@link #doFilterInternal} times them. A
     * bean of its own, depending on nothing, since the observation registry is set up before the controllers.
     */
    @Component
    static class Unobserved implements ObservationPredicate {
        @Override
        public boolean test(String name, Observation.Context context) {
            return !(context instanceof ServerRequestObservationContext server && isScorePath(server.getCarrier()));
        }
    }

    /** Whether the request is for {@code /api/v1/deployments/{id}/score}, whatever its method or credential. */
    static boolean isScorePath(HttpServletRequest request) {
        return deploymentId(request) != null;
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
