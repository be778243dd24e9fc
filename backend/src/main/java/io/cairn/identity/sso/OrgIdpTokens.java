package io.cairn.identity.sso;

import io.cairn.identity.Verdict;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.query.OrganizationReadModel;
import io.cairn.tenancy.query.SsoReadModel;
import io.cairn.tenancy.query.SsoReadModel.SsoSettings;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.stereotype.Component;

/**
 * Access tokens of an organization's own identity provider on Cairn's API, so that machines and scripts holding one
 * (a CI job's client-credentials token, a user's token from the company's SSO) need no Cairn token. The token's
 * issuer picks the organization (with {@code Cairn-Org} when several share one provider); it is verified against the
 * provider's JWKS with {@link IdpHttp#accessTokenDecoder} and must be meant for the organization's client. Its
 * subject is the user known by (organization, issuer, {@code sub}) — provisioned just in time with the claim mapping
 * on first use, exactly as at an SSO sign-in — and acts in that organization only, with their current role.
 */
@Component
public class OrgIdpTokens {

    private final SsoReadModel settings;
    private final ClientRegistrationRepository registrations;
    private final IdpHttp idp;
    private final SsoProvisioning provisioning;
    private final OrganizationReadModel organizations;

    public OrgIdpTokens(SsoReadModel settings, ClientRegistrationRepository registrations, IdpHttp idp,
                        SsoProvisioning provisioning, OrganizationReadModel organizations) {
        this.settings = settings;
        this.registrations = registrations;
        this.idp = idp;
        this.provisioning = provisioning;
        this.organizations = organizations;
    }

    /** Whether some organization signs in with {@code issuer}. */
    public boolean knows(String issuer) {
        return issuer != null && !settings.organizationsWithIssuer(issuer).isEmpty();
    }

    public Verdict authenticate(String token, String issuer, String requestedOrg) {
        List<String> orgs = settings.organizationsWithIssuer(issuer);
        String org;
        if (requestedOrg != null) {
            if (!orgs.contains(requestedOrg)) {
                return new Verdict.UnknownOrganization(requestedOrg);
            }
            org = requestedOrg;
        } else if (orgs.size() == 1) {
            org = orgs.get(0);
        } else {
            return new Verdict.Invalid("Several organizations sign in with '" + issuer + "'; name one with Cairn-Org");
        }
        Optional<SsoSettings> sso = settings.find(org);
        ClientRegistration registration = registrations.findByRegistrationId(org);
        if (sso.isEmpty() || registration == null) {
            return new Verdict.Invalid("The identity provider of organization '" + org + "' cannot be reached");
        }
        Jwt jwt;
        try {
            jwt = idp.accessTokenDecoder(registration).decode(token);
        } catch (JwtValidationException e) {
            return new Verdict.Invalid("The bearer token is not valid here: " + e.getErrors().stream()
                    .map(OAuth2Error::getDescription).findFirst().orElse(e.getMessage()));
        } catch (JwtException e) {
            return new Verdict.Invalid(e.getMessage() != null && e.getMessage().contains("xpired")
                    ? "The bearer token has expired"
                    : "The bearer token cannot be verified with the keys of '" + issuer + "'");
        }
        if (jwt.getSubject() == null) {
            return new Verdict.Invalid("The bearer token has no subject");
        }
        String principalId = provisioning.identity(org, issuer, jwt.getSubject())
                .orElseGet(() -> provisioning.signIn(sso.get(), jwt.getSubject(), jwt.getClaims()).principalId());
        return organizations.role(org, principalId)
                .<Verdict>map(role -> new Verdict.Valid(new CairnPrincipal(principalId, org, false, role)))
                .orElseGet(() -> new Verdict.Invalid("The token's owner is not a member of organization '" + org + "'"));
    }
}
