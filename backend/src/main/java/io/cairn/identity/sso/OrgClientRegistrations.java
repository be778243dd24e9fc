package io.cairn.identity.sso;

import io.cairn.tenancy.query.SsoReadModel;
import io.cairn.tenancy.query.SsoReadModel.SsoSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * One OAuth2 client registration per organization with SSO, its id being the organization's: read from the SSO
 * settings and the stored secret at each use (a change applies at the next sign-in, on every instance), with the
 * provider's endpoints from its OpenID discovery document (read with {@link IdpHttp}'s timeouts, its {@code issuer}
 * checked, cached for {@link #DISCOVERY_TTL} per issuer). An
 * organization without SSO, or whose provider cannot be reached, has no registration.
 */
public class OrgClientRegistrations implements ClientRegistrationRepository {

    /** Where the provider sends the browser back; registered as redirect URI at the provider. */
    public static final String CALLBACK = "/login/sso/{registrationId}/callback";
    static final Duration DISCOVERY_TTL = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(OrgClientRegistrations.class);

    private final SsoReadModel settings;
    private final SsoSecrets secrets;
    private final IdpHttp idp;
    private final Clock clock;
    private final Map<String, Discovered> discovered = new ConcurrentHashMap<>();

    private record Discovered(ClientRegistration template, long fetchedAt) {
    }

    public OrgClientRegistrations(SsoReadModel settings, SsoSecrets secrets, IdpHttp idp, Clock clock) {
        this.settings = settings;
        this.secrets = secrets;
        this.idp = idp;
        this.clock = clock;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        Optional<SsoSettings> found = settings.find(registrationId);
        Optional<String> secret = found.isPresent() ? secrets.find(registrationId) : Optional.empty();
        if (found.isEmpty() || secret.isEmpty()) {
            return null;
        }
        ClientRegistration template = discover(found.get().issuerUri());
        if (template == null) {
            return null;
        }
        return ClientRegistration.withClientRegistration(template)
                .registrationId(registrationId)
                .clientId(found.get().clientId())
                .clientSecret(secret.get())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}" + CALLBACK)
                .scope("openid", "profile", "email")
                .userNameAttributeName("sub")
                .clientName(registrationId)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
    }

    /** The provider's endpoints, or null when its discovery document cannot be read. */
    private ClientRegistration discover(String issuer) {
        long now = clock.millis();
        Discovered known = discovered.get(issuer);
        if (known != null && now - known.fetchedAt() < DISCOVERY_TTL.toMillis()) {
            return known.template();
        }
        try {
            Map<String, Object> document = idp.discoveryDocument(issuer);
            if (document == null || !issuer.equals(document.get("issuer"))) {
                throw new IllegalStateException("its discovery document names issuer '"
                        + (document == null ? null : document.get("issuer")) + "'");
            }
            ClientRegistration template = ClientRegistrations.fromOidcConfiguration(document)
                    .registrationId("discovery").clientId("discovery").build();
            discovered.put(issuer, new Discovered(template, now));
            return template;
        } catch (RuntimeException e) {
            log.warn("Cannot read the OpenID discovery document of {}: {}", issuer, e.getMessage());
            return null;
        }
    }
}
