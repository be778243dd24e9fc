package io.cairn.identity;

import io.cairn.common.web.Problems;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <credential>} — a personal access token or a JWT of the embedded
 * OpenID provider, whichever {@link BearerAuthenticator} recognizes it — and fixes the tenant of the request. A
 * request without the header continues anonymously (and is refused by the authorization rules if it needs a
 * principal); a bad credential is refused here with 401 and a problem+json body.
 */
public class AccessTokenFilter extends OncePerRequestFilter {

    public static final String ORG_HEADER = "Cairn-Org";

    private final List<BearerAuthenticator> authenticators;
    private final Problems problems;

    public AccessTokenFilter(List<BearerAuthenticator> authenticators, Problems problems) {
        this.authenticators = List.copyOf(authenticators);
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
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(request, response, "The Authorization header must be 'Bearer <access token>'");
            return;
        }
        String token = header.substring(7).trim();
        Verdict verdict = authenticators.stream().filter(a -> a.accepts(token)).findFirst()
                .map(a -> a.authenticate(token, normalizedOrg(request), request))
                .orElseGet(() -> new Verdict.Invalid("The bearer token is not a Cairn access token"));
        if (verdict instanceof Verdict.Invalid invalid) {
            unauthorized(request, response, invalid.reason());
            return;
        }
        if (verdict instanceof Verdict.UnknownOrganization unknown) {
            problems.write(request, response, HttpStatus.NOT_FOUND, "Organization '" + unknown.org() + "' not found");
            return;
        }
        CairnPrincipal principal = ((Verdict.Valid) verdict).principal();
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (principal.platformAdmin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_PLATFORM_ADMIN"));
        }
        var authentication = new UsernamePasswordAuthenticationToken(principal, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static String normalizedOrg(HttpServletRequest request) {
        String org = request.getHeader(ORG_HEADER);
        return org == null || org.isBlank() ? null : org.strip();
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }
}
