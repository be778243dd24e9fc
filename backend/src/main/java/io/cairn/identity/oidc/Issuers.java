package io.cairn.identity.oidc;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The issuer of the embedded provider as a request sees it: {@code cairn.oidc.issuer} when configured, otherwise
 * the URL the request reached the server by (scheme, host, port, context path) — the same rule the authorization
 * server applies, so a token is accepted where it was obtained.
 */
@Component
public class Issuers {

    private final String configured;

    public Issuers(OidcProperties properties) {
        String issuer = properties.issuer();
        this.configured = issuer == null || issuer.isBlank() ? null : issuer.strip().replaceAll("/+$", "");
    }

    /** The configured issuer, or null when it follows the request. */
    public String configured() {
        return configured;
    }

    public String issuer(HttpServletRequest request) {
        if (configured != null) {
            return configured;
        }
        return UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
                .replacePath(request.getContextPath())
                .replaceQuery(null)
                .fragment(null)
                .build()
                .toUriString();
    }
}
