package io.cairn.identity.oidc;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded OpenID Connect provider.
 *
 * @param issuer         the issuer URL ({@code iss} of every token, base of the discovery document); unset, it is
 *                       the URL each request reached the server by, which suits a server reached under one name
 * @param audience       the {@code aud} of every access token; the API accepts no other
 * @param accessTokenTtl lifetime of access tokens, for browsers and service accounts alike
 * @param webOrigins     further origins the web UI is served from (besides the server's own and the issuer's):
 *                       each allows {@code <origin>/auth/callback} as redirect URI and {@code <origin>/sign-in}
 *                       after sign-out; the default is the Vite development server
 */
@ConfigurationProperties("cairn.oidc")
public record OidcProperties(
        String issuer,
        @DefaultValue("cairn-api") String audience,
        @DefaultValue("1h") Duration accessTokenTtl,
        @DefaultValue("http://localhost:5173") List<String> webOrigins) {
}
