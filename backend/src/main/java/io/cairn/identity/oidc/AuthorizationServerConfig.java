package io.cairn.identity.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.cairn.common.CairnProperties;
import io.cairn.identity.serviceaccount.ServiceAccounts;
import io.cairn.identity.sso.OrgIdpTokens;
import io.cairn.tenancy.query.OrganizationReadModel;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The embedded OpenID Connect provider (Spring Authorization Server): discovery at
 * {@code /.well-known/openid-configuration}, {@code /oauth2/authorize} (code + PKCE for the web UI, signing in at
 * {@code /login}), {@code /oauth2/token} (also {@code client_credentials} for service accounts),
 * {@code /oauth2/jwks}, {@code /userinfo}, {@code /connect/logout}. Tokens are JWTs signed with the key kept in the
 * data directory; the API verifies them with {@link #jwtDecoder}.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfig {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), html()));
        return http.build();
    }

    /** Browsers (asking for HTML) are sent to the sign-in page; other clients get the protocol's own answers. */
    private static MediaTypeRequestMatcher html() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return matcher;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(Issuers issuers) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (issuers.configured() != null) {
            settings.issuer(issuers.configured());
        }
        return settings.build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(CairnProperties properties) {
        JWKSet keys = SigningKeys.loadOrCreate(SigningKeys.file(properties.dataDir()));
        return new ImmutableJWKSet<>(keys);
    }

    /** Verifies signature, expiry (30 s of clock skew) and audience; the issuer depends on the request. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, OidcProperties properties, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtAudienceValidator(properties.audience())));
        return decoder;
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(ServiceAccounts serviceAccounts, OidcProperties properties,
                                                          Issuers issuers, Environment environment) {
        return new CairnClients(serviceAccounts, properties, issuers, environment);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(Clock clock) {
        return new ExpiringAuthorizationService(clock);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(OidcProperties properties) {
        return new TokenClaims(properties.audience());
    }

    @Bean
    JwtBearerAuthenticator jwtBearerAuthenticator(JwtDecoder decoder, Issuers issuers, JdbcClient jdbc,
                                                  OrganizationReadModel organizations, OrgIdpTokens orgIdpTokens) {
        return new JwtBearerAuthenticator(decoder, issuers, jdbc, organizations, orgIdpTokens);
    }
}
