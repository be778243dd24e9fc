package io.cairn.identity.profile;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.validation.Inputs;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The profile store: a user's display name and e-mail address, kept out of the event log so that erasing the user
 * ({@link UserErasure}) deletes them for good. Users edit their own profile; an organization's SSO fills it from
 * the {@code name} and {@code email} claims at every sign-in.
 */
@Component
public class UserProfiles {

    static final int MAX_DISPLAY_NAME = 128;
    static final int MAX_EMAIL = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    private final JdbcClient jdbc;
    private final Clock clock;

    public UserProfiles(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A principal as people see it. {@code username} is null for an erased user, who keeps only the id;
     * {@code displayName} and {@code email} are null when not given.
     */
    public record Profile(String principalId, String username, String displayName, String email, boolean erased) {
    }

    public Optional<Profile> get(String principalId) {
        return jdbc.sql("""
                        SELECT p.id, p.username, u.display_name, u.email, p.erased_time FROM principals p
                        LEFT JOIN user_profiles u ON u.principal_id = p.id WHERE p.id = ?""")
                .param(principalId)
                .query((rs, n) -> {
                    boolean erased = rs.getObject(5) != null;
                    return new Profile(rs.getString(1), erased ? null : rs.getString(2), rs.getString(3),
                            rs.getString(4), erased);
                })
                .optional();
    }

    /** Sets both fields; blank or null clears one. Rejects what is not a plausible name or address. */
    public void update(String principalId, String displayName, String email) {
        store(principalId, displayName(displayName), email(email));
    }

    /**
     * What an identity provider said about the user at sign-in; values Cairn would reject are left out rather than
     * failing the sign-in, and a claim the provider did not send leaves the stored value alone.
     */
    public void fromClaims(String principalId, Object name, Object email) {
        if (name == null && email == null) {
            return;
        }
        Optional<Profile> current = get(principalId);
        String newName = valid(name, true).orElse(current.map(Profile::displayName).orElse(null));
        String newEmail = valid(email, false).orElse(current.map(Profile::email).orElse(null));
        store(principalId, newName, newEmail);
    }

    /** Deletes the profile; answers whether there was one. */
    public boolean delete(String principalId) {
        return jdbc.sql("DELETE FROM user_profiles WHERE principal_id = ?").param(principalId).update() > 0;
    }

    private void store(String principalId, String displayName, String email) {
        long now = clock.millis();
        if (overwrite(principalId, displayName, email, now)) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO user_profiles (principal_id, display_name, email, update_time) VALUES (?, ?, ?, ?)")
                    .params(principalId, displayName, email, now).update();
        } catch (DuplicateKeyException e) {
            // created concurrently by the same user's other request: this change is the later one
            overwrite(principalId, displayName, email, now);
        }
    }

    private boolean overwrite(String principalId, String displayName, String email, long now) {
        return jdbc.sql("UPDATE user_profiles SET display_name = ?, email = ?, update_time = ? WHERE principal_id = ?")
                .params(displayName, email, now, principalId).update() > 0;
    }

    private static Optional<String> valid(Object claim, boolean name) {
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(name ? displayName(claim.toString()) : email(claim.toString()));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    static String displayName(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.strip();
        Inputs.requireMaxLength("displayName", name, MAX_DISPLAY_NAME);
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("displayName", "A display name must not contain control characters");
        }
        return name;
    }

    static String email(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String email = value.strip();
        Inputs.requireMaxLength("email", email, MAX_EMAIL);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidInputException("email", "'" + Inputs.abbreviate(email)
                    + "' is not an e-mail address (expected name@domain.tld)");
        }
        return email;
    }
}
