package io.cairn.identity.sso;

import io.cairn.tenancy.query.SsoReadModel;
import io.cairn.tenancy.query.SsoReadModel.SsoSettings;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * After the organization's provider has answered (ID token verified, user info read): provisions the user in that
 * organization and signs them in as the Cairn principal ({@link SsoUser}).
 */
public class SsoUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(SsoUserService.class);

    private final OidcUserService userInfo;
    private final SsoReadModel settings;
    private final SsoProvisioning provisioning;

    private final Clock clock;

    public SsoUserService(SsoReadModel settings, SsoProvisioning provisioning, OidcUserService userInfo, Clock clock) {
        this.userInfo = userInfo;
        this.settings = settings;
        this.provisioning = provisioning;
        this.clock = clock;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = userInfo.loadUser(request);
        String org = request.getClientRegistration().getRegistrationId();
        SsoSettings current = settings.find(org).orElseThrow(() -> new OAuth2AuthenticationException(
                new OAuth2Error("sso_not_configured", "Organization '" + org + "' has no SSO any more", null)));
        SsoProvisioning.Outcome outcome = provisioning.signIn(current, user.getSubject(), user.getClaims());
        log.info("SSO sign-in to organization '{}': subject {} of {} is principal {} ({}), role {}", org,
                user.getSubject(), current.issuerUri(), outcome.principalId(), outcome.username(), outcome.role());
        return new SsoUser(user, outcome.principalId(), outcome.username(), clock.instant());
    }
}
