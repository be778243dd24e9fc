package io.cairn.identity.sso;

import io.cairn.tenancy.query.SsoReadModel;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;

/**
 * "Sign in with your organization's SSO": {@code GET /login/sso/{org}} starts an authorization-code flow (with
 * PKCE) at the organization's provider, which returns to {@code /login/sso/{org}/callback}. Once the user is
 * provisioned, the session is signed in as the Cairn principal and the browser goes back to where it came from —
 * normally the embedded provider's {@code /oauth2/authorize}, which then issues Cairn's own tokens: the embedded
 * provider stays the only issuer of tokens for the API. A failed sign-in returns to {@code /login?sso-error}.
 */
@Configuration(proxyBeanMethods = false)
public class SsoSignInConfig {

    private static final Logger log = LoggerFactory.getLogger(SsoSignInConfig.class);

    /** Also the factory of the ID-token decoders that {@code oauth2Login} picks up by type. */
    @Bean
    IdpHttp idpHttp(SsoProperties properties) {
        return new IdpHttp(properties);
    }

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(SsoReadModel settings, SsoSecrets secrets, IdpHttp idp,
                                                              Clock clock) {
        return new OrgClientRegistrations(settings, secrets, idp, clock);
    }

    @Bean
    @Order(2)
    SecurityFilterChain ssoSignIn(HttpSecurity http, ClientRegistrationRepository registrations,
                                  SsoReadModel settings, SsoProvisioning provisioning, IdpHttp idp, Clock clock)
            throws Exception {
        http.securityMatcher("/login/sso", "/login/sso/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .oauth2Login(login -> login
                        .clientRegistrationRepository(registrations)
                        // the provider's tokens serve the sign-in only: kept no longer than the session
                        .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                        .loginPage("/login")
                        .authorizationEndpoint(endpoint -> endpoint
                                .baseUri(OrgAuthorizationRequests.START)
                                .authorizationRequestResolver(new OrgAuthorizationRequests(registrations)))
                        .redirectionEndpoint(endpoint -> endpoint.baseUri(OrgClientRegistrations.CALLBACK
                                .replace("{registrationId}", "*")))
                        .tokenEndpoint(token -> token.accessTokenResponseClient(idp.tokenClient()))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(
                                new SsoUserService(settings, provisioning, idp.userInfoService(), clock)))
                        .failureHandler((request, response, e) -> {
                            log.warn("SSO sign-in failed at {}: {}", request.getRequestURI(), e.getMessage());
                            response.sendRedirect(request.getContextPath() + "/login?sso-error");
                        }));
        return http.build();
    }
}
