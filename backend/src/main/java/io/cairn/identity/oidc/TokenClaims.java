package io.cairn.identity.oidc;

import io.cairn.identity.SignedInUser;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What Cairn's tokens say. The subject is always the stable principal id (never a name), so the API maps a token to
 * a principal without a lookup by name:
 * <ul>
 *   <li>a user's access token ({@code authorization_code}): {@code sub}; the organization is chosen per request
 *       with {@code Cairn-Org};</li>
 *   <li>a service account's access token ({@code client_credentials}): {@code sub} and {@code tenant}, the one
 *       organization it belongs to;</li>
 *   <li>every access token: {@code aud} = {@code cairn.oidc.audience};</li>
 *   <li>ID tokens: {@code sub} and {@code preferred_username}, for the UI to greet the user.</li>
 * </ul>
 */
public class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String TENANT = "tenant";

    private final String audience;

    public TokenClaims(String audience) {
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        Authentication principal = context.getPrincipal();
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            CairnClients.Owner owner = CairnClients.owner(context.getRegisteredClient());
            if (owner != null && accessToken) {
                context.getClaims().subject(owner.principalId()).claim(TENANT, owner.tenantId()).audience(
                        List.of(audience));
            }
            return;
        }
        if (principal != null && principal.getPrincipal() instanceof SignedInUser user) {
            context.getClaims().subject(user.principalId());
            if (idToken) {
                context.getClaims().claim("preferred_username", user.displayUsername());
            }
        }
        if (accessToken) {
            context.getClaims().audience(List.of(audience));
        }
    }
}
