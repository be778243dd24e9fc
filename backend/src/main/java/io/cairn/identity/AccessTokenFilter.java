package io.cairn.identity;

import io.cairn.common.web.Problems;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.TenantResolver;
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
 * Authenticates {@code Authorization: Bearer <access token>} and fixes the tenant of the request. A request
 * without the header continues anonymously (and is refused by the authorization rules if it needs a
 * principal); a bad token is refused here with 401 and a problem+json body.
 */
public class AccessTokenFilter extends OncePerRequestFilter {

    public static final String ORG_HEADER = "Cairn-Org";

    private final AccessTokenService tokens;
    private final TenantResolver tenants;
    private final Problems problems;

    public AccessTokenFilter(AccessTokenService tokens, TenantResolver tenants, Problems problems) {
        this.tokens = tokens;
        this.tenants = tenants;
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
        AccessTokenService.Verdict verdict = tokens.verify(header.substring(7).trim());
        if (verdict instanceof AccessTokenService.Verdict.Invalid invalid) {
            unauthorized(request, response, invalid.reason());
            return;
        }
        CairnPrincipal principal = ((AccessTokenService.Verdict.Valid) verdict).principal();
        String requestedOrg = request.getHeader(ORG_HEADER);
        String tenant = tenants.resolve(principal.tenantId(), requestedOrg);
        if (tenant == null) {
            problems.write(request, response, HttpStatus.NOT_FOUND, "Organization '" + requestedOrg + "' not found");
            return;
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (principal.platformAdmin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_PLATFORM_ADMIN"));
        }
        var authentication = new UsernamePasswordAuthenticationToken(
                principal, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
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
