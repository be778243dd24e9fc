package io.cairn.identity.oidc;

import io.cairn.identity.serviceaccount.ServiceAccounts;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients of the embedded provider: the web UI ({@value #WEB_CLIENT_ID}, a public client that must use PKCE)
 * from configuration, and one confidential {@code client_credentials} client per service account from the database.
 */
public class CairnClients implements RegisteredClientRepository {

    public static final String WEB_CLIENT_ID = "cairn-web";
    public static final String CALLBACK_PATH = "/auth/callback";
    public static final String SIGNED_OUT_PATH = "/sign-in";

    private static final String OWNER_PRINCIPAL = "cairn.principal-id";
    private static final String OWNER_TENANT = "cairn.tenant-id";

    private final ServiceAccounts serviceAccounts;
    private final OidcProperties properties;
    private final Issuers issuers;
    private final Environment environment;

    /** The service account a client belongs to. */
    public record Owner(String principalId, String tenantId) {
    }

    public CairnClients(ServiceAccounts serviceAccounts, OidcProperties properties, Issuers issuers,
                        Environment environment) {
        this.serviceAccounts = serviceAccounts;
        this.properties = properties;
        this.issuers = issuers;
        this.environment = environment;
    }

    /** The service account of a client, or null for the web UI. */
    public static Owner owner(RegisteredClient client) {
        String principalId = client.getClientSettings().getSetting(OWNER_PRINCIPAL);
        return principalId == null ? null : new Owner(principalId, client.getClientSettings().getSetting(OWNER_TENANT));
    }

    @Override
    public void save(RegisteredClient client) {
        Owner owner = owner(client);
        if (owner != null && client.getClientSecret() != null) {
            serviceAccounts.updateSecretHash(owner.principalId(), client.getClientSecret());
        }
    }

    @Override
    public RegisteredClient findById(String id) {
        if (WEB_CLIENT_ID.equals(id)) {
            return webClient();
        }
        return serviceAccounts.byPrincipalId(id).map(this::serviceAccountClient).orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (WEB_CLIENT_ID.equals(clientId)) {
            return webClient();
        }
        return serviceAccounts.byClientId(clientId).map(this::serviceAccountClient).orElse(null);
    }

    /**
     * The origins the UI may be served from: the configured issuer's, the server's own on its port (by name and
     * loopback address) and {@code cairn.oidc.web-origins}. Computed per lookup, since the port is known only
     * once the server listens.
     */
    Set<String> webOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        if (issuers.configured() != null) {
            origins.add(issuers.configured());
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        origins.add("http://localhost:" + port);
        origins.add("http://127.0.0.1:" + port);
        origins.add("http://[::1]:" + port);
        properties.webOrigins().forEach(origin -> origins.add(origin.strip().replaceAll("/+$", "")));
        return origins;
    }

    private RegisteredClient webClient() {
        Set<String> origins = webOrigins();
        return RegisteredClient.withId(WEB_CLIENT_ID)
                .clientId(WEB_CLIENT_ID)
                .clientName("Cairn web UI")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> origins.forEach(origin -> uris.add(origin + CALLBACK_PATH)))
                .postLogoutRedirectUris(uris -> origins.forEach(origin -> uris.add(origin + SIGNED_OUT_PATH)))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
                .build();
    }

    private RegisteredClient serviceAccountClient(ServiceAccounts.Client account) {
        return RegisteredClient.withId(account.principalId())
                .clientId(account.clientId())
                .clientIdIssuedAt(Instant.ofEpochMilli(account.creationTime()))
                .clientSecret(account.secretHash())
                .clientName(account.name())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(false)
                        .setting(OWNER_PRINCIPAL, account.principalId())
                        .setting(OWNER_TENANT, account.tenantId())
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
                .build();
    }
}
