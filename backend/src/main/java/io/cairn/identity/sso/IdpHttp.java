package io.cairn.identity.sso;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Every HTTP call Cairn makes to an organization's identity provider — discovery document, token endpoint, JWKS,
 * user info — goes through here, with the connect and read timeouts of {@link SsoProperties}: Spring Security's
 * defaults wait forever, so one hung provider would tie up a server thread per sign-in attempt.
 */
public class IdpHttp implements JwtDecoderFactory<ClientRegistration> {

    private final ClientHttpRequestFactory requests;
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    public IdpHttp(SsoProperties properties) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(properties.connectTimeout());
        factory.setReadTimeout(properties.readTimeout());
        this.requests = factory;
    }

    /** The provider's OpenID discovery document ({@code <issuer>/.well-known/openid-configuration}). */
    public Map<String, Object> discoveryDocument(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return RestClient.builder().requestFactory(requests).build()
                .get().uri(base + "/.well-known/openid-configuration")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
    }

    /** Exchanges the authorization code at the provider's token endpoint. */
    public OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient() {
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return client;
    }

    /** Reads the provider's user-info endpoint after the ID token. */
    public OidcUserService userInfoService() {
        RestTemplate rest = new RestTemplate(requests);
        rest.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
        userInfo.setRestOperations(rest);
        OidcUserService service = new OidcUserService();
        service.setOauth2UserService(userInfo);
        return service;
    }

    /**
     * Verifies access tokens the provider issued to machines or users of the organization, presented to Cairn's API:
     * signature by the provider's JWKS, expiry, the issuer, and that the token was meant for the organization's
     * client ({@code aud} holds the client id, or {@code azp} is it — Keycloak names the client in {@code azp}).
     */
    public JwtDecoder accessTokenDecoder(ClientRegistration registration) {
        String clientId = registration.getClientId();
        OAuth2TokenValidator<Jwt> forThisClient = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(clientId)
                || clientId.equals(jwt.getClaimAsString("azp"))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "The token was not issued for client '" + clientId + "' (aud " + jwt.getAudience()
                                + ", azp " + jwt.getClaimAsString("azp") + ")", null));
        return decoder("access", registration, new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new JwtIssuerValidator(registration.getProviderDetails().getIssuerUri()), forThisClient), false);
    }

    /**
     * Verifies a provider's ID tokens with its JWKS (fetched with the timeouts) and the OpenID Connect checks of
     * Spring Security's own factory: issuer, audience, expiry, nonce.
     */
    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        return decoder("id", registration, new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new OidcIdTokenValidator(registration)), true);
    }

    /** One decoder per kind of token and registration (client, issuer, JWKS), its keys fetched with the timeouts. */
    private JwtDecoder decoder(String kind, ClientRegistration registration, OAuth2TokenValidator<Jwt> validator,
                               boolean oidcClaimTypes) {
        String jwks = registration.getProviderDetails().getJwkSetUri();
        String key = kind + " " + registration.getRegistrationId() + " " + registration.getClientId() + " "
                + registration.getProviderDetails().getIssuerUri() + " " + jwks;
        return decoders.computeIfAbsent(key, k -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks).restOperations(new RestTemplate(requests)).build();
            decoder.setJwtValidator(validator);
            if (oidcClaimTypes) {
                decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
            }
            return decoder;
        });
    }
}
