package io.cairn.identity.login;

import io.cairn.common.error.CairnException;
import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.messaging.MessageMetadata;
import io.cairn.identity.AccessTokenService;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.OrganizationCommand.AddMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.RecordPasswordChangeCommand;
import io.cairn.tenancy.query.OrganizationReadModel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Local users: principals with a password, who sign in at the embedded provider. A user's home organization (where
 * they were created) owns their credentials: its owners and admins may set their password; the user changes it
 * with the current one. Passwords are checked by {@link PasswordPolicy} and stored only as adaptive hashes.
 */
@Service
public class LocalUsers implements UserDetailsService, UserDetailsPasswordService {

    /** Usernames of local users: letters, digits and {@code . _ @ + -}, as in e-mail addresses. */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AccessTokenService principals;
    private final OrganizationReadModel organizations;
    private final Commands commands;
    private final LoginThrottle throttle;
    private final Clock clock;

    public LocalUsers(JdbcClient jdbc, PasswordEncoder encoder, AccessTokenService principals,
                      OrganizationReadModel organizations, Commands commands, LoginThrottle throttle, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.principals = principals;
        this.organizations = organizations;
        this.commands = commands;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** A user as an administrator sees it after creation. */
    public record CreatedUser(String principalId, String username, OrgRole role) {
    }

    /** Too many wrong passwords: answered 429 with the time to wait, whichever check failed. */
    public static class ThrottledException extends CairnException {

        private final Duration retryAfter;

        public ThrottledException(Duration retryAfter) {
            super("Too many wrong passwords; try again in " + Math.max(1, retryAfter.toSeconds()) + " s", null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("""
                        SELECT p.id, p.username, c.password_hash FROM principals p
                        JOIN local_credentials c ON c.principal_id = p.id WHERE p.username = ?""")
                .param(username)
                .query((rs, n) -> new LocalUser(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No local user with this name"));
    }

    /** Re-hashes a password whose stored encoding is outdated, on a successful sign-in. */
    @Override
    public UserDetails updatePassword(UserDetails user, String newHash) {
        LocalUser local = (LocalUser) user;
        store(local.principalId(), newHash);
        return new LocalUser(local.principalId(), local.getUsername(), newHash);
    }

    /** Creates a user in {@code org} with an initial password and adds them as a member with {@code role}. */
    public CreatedUser create(String org, String username, String password, OrgRole role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("username", "A username is 1 to 128 letters, digits and '.', '_', '@', "
                    + "'+', '-', starting with a letter or digit");
        }
        if (role == null) {
            throw new InvalidInputException("role", "role must be one of OWNER, ADMIN, MEMBER, AUDITOR");
        }
        PasswordPolicy.check("password", username, password);
        if (jdbc.sql("SELECT COUNT(*) FROM principals WHERE username = ?").param(username).query(Long.class).single() > 0) {
            throw new ConflictException("username", "The username '" + username + "' is taken; add an existing user "
                    + "with POST /api/v1/orgs/{org}/members");
        }
        String principalId = principals.createPrincipal(org, username, false);
        store(principalId, encoder.encode(password));
        commands.sendAndProject(new AddMemberCommand(org, principalId, role), "Organization", org, "organizations");
        return new CreatedUser(principalId, username, role);
    }

    /**
     * An owner or admin of {@code caller}'s organization sets the password of a user whose home it is. Admins cannot
     * set an owner's password, and nobody can set a platform administrator's but that administrator.
     */
    @Transactional
    public void setByAdministrator(CairnPrincipal caller, String principalId, String password) {
        Target target = jdbc.sql("SELECT username, tenant_id, platform_admin FROM principals WHERE id = ?")
                .param(principalId)
                .query((rs, n) -> new Target(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .optional()
                .filter(t -> t.homeTenant().equals(caller.tenantId()))
                .filter(t -> organizations.role(caller.tenantId(), principalId).isPresent())
                .filter(t -> !isServiceAccount(principalId))
                .orElseThrow(() -> new NotFoundException("User", principalId));
        if (target.platformAdmin() && !principalId.equals(caller.principalId())) {
            throw new AccessDeniedException("Only the platform administrator sets their own password");
        }
        if (caller.role() != OrgRole.OWNER && organizations.role(caller.tenantId(), principalId)
                .filter(r -> r == OrgRole.OWNER).isPresent()) {
            throw new AccessDeniedException("Setting an owner's password needs the role OWNER");
        }
        PasswordPolicy.check("password", target.username(), password);
        store(principalId, encoder.encode(password));
        recordChange(target.homeTenant(), principalId, caller.principalId(), true);
    }

    /** The caller changes their own password, proving the current one (throttled like sign-in). */
    @Transactional
    public void changeOwn(String principalId, String currentPassword, String newPassword, String address) {
        String username = username(principalId);
        String hash = jdbc.sql("SELECT password_hash FROM local_credentials WHERE principal_id = ?").param(principalId)
                .query(String.class).optional()
                .orElseThrow(() -> new ConflictException(null, "You have no password yet; an owner or admin of your "
                        + "organization sets the first one"));
        Duration locked = throttle.lockedFor(username, address);
        if (!locked.isZero()) {
            throw new ThrottledException(locked);
        }
        if (currentPassword == null || !encoder.matches(currentPassword, hash)) {
            Duration now = throttle.failed(username, address);
            if (!now.isZero()) {
                throw new ThrottledException(now);
            }
            throw new InvalidInputException("currentPassword", "The current password is wrong");
        }
        throttle.succeeded(username);
        if (newPassword != null && newPassword.equals(currentPassword)) {
            throw new InvalidInputException("newPassword", "The new password must differ from the current one");
        }
        PasswordPolicy.check("newPassword", username, newPassword);
        store(principalId, encoder.encode(newPassword));
        String home = jdbc.sql("SELECT tenant_id FROM principals WHERE id = ?").param(principalId).query(String.class)
                .single();
        recordChange(home, principalId, principalId, false);
    }

    /**
     * Gives a user without a password their first one (the platform administrator's from CAIRN_ADMIN_PASSWORD, a
     * new organization's owner's); false when they have one already. {@code field} names the input in refusals.
     */
    public boolean setInitialPassword(String principalId, String password, String field) {
        if (hasPassword(principalId)) {
            return false;
        }
        PasswordPolicy.check(field, username(principalId), password);
        store(principalId, encoder.encode(password));
        return true;
    }

    public boolean hasPassword(String principalId) {
        return jdbc.sql("SELECT COUNT(*) FROM local_credentials WHERE principal_id = ?").param(principalId)
                .query(Long.class).single() > 0;
    }

    private String username(String principalId) {
        return jdbc.sql("SELECT username FROM principals WHERE id = ?").param(principalId).query(String.class)
                .optional().orElseThrow(() -> new NotFoundException("User", principalId));
    }

    private boolean isServiceAccount(String principalId) {
        return jdbc.sql("SELECT COUNT(*) FROM service_accounts WHERE principal_id = ?").param(principalId)
                .query(Long.class).single() > 0;
    }

    /**
     * Puts the change on the home organization's record (an event without any secret), in the transaction that
     * stored the new hash: either both happen or neither.
     */
    private void recordChange(String homeOrg, String principalId, String actorId, boolean reset) {
        commands.send(GenericCommandMessage.asCommandMessage(new RecordPasswordChangeCommand(homeOrg, principalId, reset))
                        .andMetaData(Map.of(MessageMetadata.TENANT_ID, homeOrg, MessageMetadata.PRINCIPAL, actorId)),
                "Organization", homeOrg);
    }

    private void store(String principalId, String hash) {
        long now = clock.millis();
        int updated = jdbc.sql("UPDATE local_credentials SET password_hash = ?, changed_time = ? WHERE principal_id = ?")
                .params(hash, now, principalId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO local_credentials (principal_id, password_hash, changed_time) VALUES (?, ?, ?)")
                    .params(principalId, hash, now).update();
        }
    }

    private record Target(String username, String homeTenant, boolean platformAdmin) {
    }
}
