package io.cairn.identity.login;

import io.cairn.identity.SignedInUser;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A user who signs in with a password at the embedded provider; carries the stable principal id for the tokens. */
public class LocalUser extends User implements SignedInUser {

    private final String principalId;

    public LocalUser(String principalId, String username, String passwordHash) {
        super(username, passwordHash, List.of(new SimpleGrantedAuthority("ROLE_USER")));
        this.principalId = principalId;
    }

    @Override
    public String principalId() {
        return principalId;
    }

    @Override
    public String displayUsername() {
        return getUsername();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LocalUser user && user.principalId.equals(principalId);
    }

    @Override
    public int hashCode() {
        return principalId.hashCode();
    }
}
