package io.cairn.identity;

import io.cairn.common.web.Problems;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <credential>} ({@link BearerAuthentication}) and fixes the tenant of
 * the request. A request without the header continues anonymously (and is refused by the authorization rules if it
 * needs a principal); a bad credential is refused here with 401 and a problem+json body.
 */
public class AccessTokenFilter extends OncePerRequestFilter {

    private final BearerAuthentication bearer;
    private final Problems problems;

    public AccessTokenFilter(BearerAuthentication bearer, Problems problems) {
        this.bearer = bearer;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String token = BearerAuthentication.credential(header);
        if (token == null) {
            unauthorized(request, response, "The Authorization header must be 'Bearer <access token>'");
            return;
        }
        Verdict verdict = bearer.verify(token, request);
        if (verdict instanceof Verdict.Invalid invalid) {
            unauthorized(request, response, invalid.reason());
            return;
        }
        if (verdict instanceof Verdict.UnknownOrganization unknown) {
            problems.write(request, response, HttpStatus.NOT_FOUND, "Organization '" + unknown.org() + "' not found");
            return;
        }
        CairnPrincipal principal = ((Verdict.Valid) verdict).principal();
        SecurityContextHolder.getContext().setAuthentication(BearerAuthentication.authentication(principal));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }
}
