package io.cairn.identity.sso;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The authorization request for {@code /login/sso/{org}}, or none when the organization has no usable SSO: the
 * request then goes on to {@link SsoLoginController}, which says why (Spring's resolver would answer 500).
 */
class OrgAuthorizationRequests implements OAuth2AuthorizationRequestResolver {

    static final String START = "/login/sso";

    private final ClientRegistrationRepository registrations;
    private final DefaultOAuth2AuthorizationRequestResolver delegate;
    private final RequestMatcher matcher = PathPatternRequestMatcher.withDefaults().matcher(START + "/{org}");

    OrgAuthorizationRequests(ClientRegistrationRepository registrations) {
        this.registrations = registrations;
        this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, START);
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        RequestMatcher.MatchResult match = matcher.matcher(request);
        if (!match.isMatch() || registrations.findByRegistrationId(match.getVariables().get("org")) == null) {
            return null;
        }
        return delegate.resolve(request);
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        return registrations.findByRegistrationId(clientRegistrationId) == null ? null
                : delegate.resolve(request, clientRegistrationId);
    }
}
