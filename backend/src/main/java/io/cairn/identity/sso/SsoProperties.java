package io.cairn.identity.sso;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Calls to organizations' identity providers (discovery, token, JWKS and user-info endpoints).
 *
 * @param connectTimeout how long to wait for a connection to the provider
 * @param readTimeout    how long to wait for the provider's answer; a provider slower than this fails the sign-in
 *                       (the user sees "SSO failed") instead of holding a server thread
 */
@ConfigurationProperties("cairn.sso")
public record SsoProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {
}
