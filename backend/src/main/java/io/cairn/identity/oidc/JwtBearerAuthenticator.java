package io.cairn.identity.oidc;

import com.nimbusds.jwt.JWTParser;
import io.cairn.identity.BearerAuthenticator;
import io.cairn.identity.Verdict;
import io.cairn.identity.sso.OrgIdpTokens;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.query.OrganizationReadModel;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Access tokens (JWTs) of the embedded provider on the API: signature, expiry and audience by the decoder, the
 * issuer against the one this request sees, then the subject to a {@link CairnPrincipal}. A service account's token
 * names its organization ({@code tenant}); a user's token does not, so the user picks one with {@code Cairn-Org}
 * (default: their home organization, else the first they belong to). Role and platform-admin status are read at
 * each request, so a removed member or a changed role takes effect at once. A JWT claiming the issuer of an
 * organization's own identity provider goes to {@link OrgIdpTokens} instead.
 */
public class JwtBearerAuthenticator implements BearerAuthenticator {

    private final JwtDecoder decoder;
    private final Issuers issuers;
    private final JdbcClient jdbc;
    private final OrganizationReadModel organizations;
    private final OrgIdpTokens orgIdpTokens;

    public JwtBearerAuthenticator(JwtDecoder decoder, Issuers issuers, JdbcClient jdbc,
                                  OrganizationReadModel organizations, OrgIdpTokens orgIdpTokens) {
        this.decoder = decoder;
        this.issuers = issuers;
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.orgIdpTokens = orgIdpTokens;
    }

    private record PrincipalRow(String homeTenant, boolean platformAdmin) {
    }

    @Override
    public boolean accepts(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    @Override
    public Verdict authenticate(String token, String requestedOrg, HttpServletRequest request) {
        String claimedIssuer = unverifiedIssuer(token);
        if (claimedIssuer != null && !claimedIssuer.equals(issuers.issuer(request)) && orgIdpTokens.knows(claimedIssuer)) {
            // an organization's own provider: verified with that provider's keys, never with Cairn's
            return orgIdpTokens.authenticate(token, claimedIssuer, requestedOrg);
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtValidationException e) {
            boolean expired = e.getErrors().stream().map(OAuth2Error::getDescription)
                    .anyMatch(d -> d != null && d.contains("expired"));
            return new Verdict.Invalid(expired ? "The bearer token has expired"
                    : "The bearer token is not valid here: " + e.getErrors().iterator().next().getDescription());
        } catch (JwtException e) {
            return new Verdict.Invalid("The bearer token is not a token of this server (malformed or badly signed)");
        }
        String expectedIssuer = issuers.issuer(request);
        if (jwt.getIssuer() == null || !expectedIssuer.equals(jwt.getIssuer().toString())) {
            return new Verdict.Invalid("The bearer token was issued by '" + jwt.getIssuer() + "', not by '"
                    + expectedIssuer + "'");
        }
        String principalId = jwt.getSubject();
        Optional<PrincipalRow> principal = principalId == null ? Optional.empty() : jdbc.sql(
                        "SELECT tenant_id, platform_admin FROM principals WHERE id = ? AND erased_time IS NULL")
                .param(principalId)
                .query((rs, n) -> new PrincipalRow(rs.getString(1), rs.getBoolean(2)))
                .optional();
        if (principal.isEmpty()) {
            return new Verdict.Invalid("The bearer token's subject is unknown");
        }
        String fixedTenant = jwt.getClaimAsString(TokenClaims.TENANT);
        if (fixedTenant != null) {
            if (requestedOrg != null && !requestedOrg.equals(fixedTenant)) {
                return new Verdict.UnknownOrganization(requestedOrg);
            }
            return organizations.role(fixedTenant, principalId)
                    .<Verdict>map(role -> valid(principalId, fixedTenant, principal.get(), role))
                    .orElseGet(() -> new Verdict.Invalid("The token's owner is not a member of organization '"
                            + fixedTenant + "'"));
        }
        if (requestedOrg != null) {
            return organizations.role(requestedOrg, principalId)
                    .<Verdict>map(role -> valid(principalId, requestedOrg, principal.get(), role))
                    .orElseGet(() -> new Verdict.UnknownOrganization(requestedOrg));
        }
        return jdbc.sql("""
                        SELECT tenant_id FROM org_members WHERE principal_id = ?
                        ORDER BY CASE WHEN tenant_id = ? THEN 0 ELSE 1 END, tenant_id LIMIT 1""")
                .params(principalId, principal.get().homeTenant())
                .query(String.class).optional()
                .flatMap(tenant -> organizations.role(tenant, principalId)
                        .map(role -> valid(principalId, tenant, principal.get(), role)))
                .orElseGet(() -> new Verdict.Invalid("The token's owner is not a member of any organization"));
    }

    private static Verdict valid(String principalId, String tenant, PrincipalRow row, OrgRole role) {
        return new Verdict.Valid(new CairnPrincipal(principalId, tenant, row.platformAdmin(), role));
    }

    /** The {@code iss} the token claims, before any verification (only to pick who verifies it); null if unreadable. */
    private static String unverifiedIssuer(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
