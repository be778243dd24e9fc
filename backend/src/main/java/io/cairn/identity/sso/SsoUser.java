package io.cairn.identity.sso;

import io.cairn.identity.SignedInUser;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A user signed in through their organization's identity provider, provisioned as the Cairn principal
 * {@code principalId}: its name is the principal id, so the embedded provider's tokens name that principal.
 */
public class SsoUser extends DefaultOidcUser implements SignedInUser {

    private final String principalId;
    private final String username;

    /** {@code signedInAt} stands for the provider's {@code auth_time} when its ID token has none (Keycloak's). */
    public SsoUser(OidcUser user, String principalId, String username, Instant signedInAt) {
        super(authorities(user.getAuthenticatedAt() != null ? user.getAuthenticatedAt() : signedInAt),
                user.getIdToken(), user.getUserInfo());
        this.principalId = principalId;
        this.username = username;
    }

    /**
     * The factor authority tells the embedded provider when the user authenticated ({@code auth_time} of its ID
     * tokens), as the password factor does for local users.
     */
    private static List<GrantedAuthority> authorities(Instant authenticatedAt) {
        return List.of(new SimpleGrantedAuthority("ROLE_USER"),
                FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY)
                        .issuedAt(authenticatedAt).build());
    }

    @Override
    public String getName() {
        return principalId;
    }

    @Override
    public String principalId() {
        return principalId;
    }

    @Override
    public String displayUsername() {
        return username;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SsoUser user && user.principalId.equals(principalId);
    }

    @Override
    public int hashCode() {
        return principalId.hashCode();
    }
}
