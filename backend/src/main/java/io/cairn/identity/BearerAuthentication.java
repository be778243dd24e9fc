package io.cairn.identity;

import io.cairn.identity.oidc.JwtBearerAuthenticator;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Verifies {@code Authorization: Bearer <credential>} — a personal access token or a JWT of the embedded OpenID
 * provider, whichever {@link BearerAuthenticator} recognizes it — and resolves the organization the request acts
 * in ({@value #ORG_HEADER}). {@link AccessTokenFilter} applies it to every API request; the scoring fast path
 * applies the same verification before the security filter chain.
 */
@Component
public class BearerAuthentication {

    public static final String ORG_HEADER = "Cairn-Org";

    private final List<BearerAuthenticator> authenticators;

    public BearerAuthentication(AccessTokenService tokens, JwtBearerAuthenticator jwts) {
        this.authenticators = List.of(tokens, jwts);
    }

    /** The credential of an {@code Authorization} header, or null when the header is absent or not {@code Bearer}. */
    public static String credential(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    /** The verdict on {@code token} (the header's value after {@code Bearer }) for this request. */
    public Verdict verify(String token, HttpServletRequest request) {
        return authenticators.stream().filter(a -> a.accepts(token)).findFirst()
                .map(a -> a.authenticate(token, requestedOrg(request), request))
                .orElseGet(() -> new Verdict.Invalid("The bearer token is not a Cairn access token"));
    }

    /** What the security context holds for an authenticated principal: its roles as authorities. */
    public static Authentication authentication(CairnPrincipal principal) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (principal.platformAdmin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_PLATFORM_ADMIN"));
        }
        return new UsernamePasswordAuthenticationToken(principal, null, authorities);
    }

    private static String requestedOrg(HttpServletRequest request) {
        String org = request.getHeader(ORG_HEADER);
        return org == null || org.isBlank() ? null : org.strip();
    }
}
