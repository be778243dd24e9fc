package io.cairn.identity.serviceaccount;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.Commands;
import io.cairn.identity.AccessTokenService;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.OrganizationCommand.AddMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.RemoveMemberCommand;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Service accounts: principals of exactly one organization, for machines (compute agents, CI). Each is an OAuth2
 * confidential client of the embedded provider with the {@code client_credentials} grant; its secret is shown once
 * and stored only as an adaptive hash. Its membership (and role) is an organization event like any other member's.
 */
@Service
public class ServiceAccounts {

    /** Service account names: lower-case slugs, unique in their organization. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private static final String RESOURCE = "Service account";
    private static final String ORGANIZATIONS = "organizations";

    private final JdbcClient jdbc;
    private final AccessTokenService principals;
    private final Commands commands;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ServiceAccounts(JdbcClient jdbc, AccessTokenService principals, Commands commands, PasswordEncoder passwords,
                           Clock clock) {
        this.jdbc = jdbc;
        this.principals = principals;
        this.commands = commands;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** A service account as listed: never its secret. */
    public record ServiceAccount(String id, String name, String clientId, OrgRole role, String createdBy,
                                 long creationTime) {
    }

    /** A new service account with its client secret, the only time the secret is shown. */
    public record CreatedServiceAccount(String id, String name, String clientId, String clientSecret, OrgRole role,
                                        String createdBy, long creationTime) {
    }

    /** What the authorization server needs to know of a service account's client. */
    public record Client(String principalId, String tenantId, String name, String clientId, String secretHash,
                         long creationTime) {
    }

    public CreatedServiceAccount create(String tenantId, String name, OrgRole role, String createdBy) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "A service account name is 1 to 40 lower-case letters, digits and "
                    + "'-', starting with a letter or digit");
        }
        if (role == OrgRole.OWNER) {
            throw new InvalidInputException("role", "A service account cannot be an OWNER; use ADMIN, MEMBER or AUDITOR");
        }
        if (find(tenantId, name).isPresent()) {
            throw new ConflictException("name", "A service account named '" + name + "' already exists");
        }
        String clientId = "sa-" + name + "-" + HexFormat.of().formatHex(bytes(4));
        String secret = newSecret();
        long now = clock.millis();
        String principalId = principals.createPrincipal(tenantId, clientId, false);
        jdbc.sql("""
                        INSERT INTO service_accounts (principal_id, tenant_id, name, client_id, secret_hash, created_by,
                                                      creation_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(principalId, tenantId, name, clientId, passwords.encode(secret), createdBy, now)
                .update();
        commands.sendAndProject(new AddMemberCommand(tenantId, principalId, role), "Organization", tenantId,
                ORGANIZATIONS);
        return new CreatedServiceAccount(principalId, name, clientId, secret, role, createdBy, now);
    }

    public List<ServiceAccount> list(String tenantId) {
        return jdbc.sql("""
                        SELECT s.principal_id, s.name, s.client_id, m.role, s.created_by, s.creation_time
                        FROM service_accounts s
                        JOIN org_members m ON m.tenant_id = s.tenant_id AND m.principal_id = s.principal_id
                        WHERE s.tenant_id = ? ORDER BY s.name""")
                .param(tenantId)
                .query((rs, n) -> new ServiceAccount(rs.getString(1), rs.getString(2), rs.getString(3),
                        OrgRole.valueOf(rs.getString(4)), rs.getString(5), rs.getLong(6)))
                .list();
    }

    /**
     * Deletes the client (no new tokens) and ends the membership (tokens already issued answer 401 at once). The
     * principal stays, so that the history keeps naming who acted.
     */
    public void delete(String tenantId, String principalId) {
        int deleted = jdbc.sql("DELETE FROM service_accounts WHERE tenant_id = ? AND principal_id = ?")
                .params(tenantId, principalId).update();
        if (deleted == 0) {
            throw new NotFoundException(RESOURCE, principalId);
        }
        commands.sendAndProject(new RemoveMemberCommand(tenantId, principalId), "Organization", tenantId,
                ORGANIZATIONS);
    }

    public Optional<Client> byClientId(String clientId) {
        return client("client_id", clientId);
    }

    public Optional<Client> byPrincipalId(String principalId) {
        return client("principal_id", principalId);
    }

    /** The service account of the organization with this name. */
    public Optional<Client> byName(String tenantId, String name) {
        return find(tenantId, name).flatMap(this::byPrincipalId);
    }

    /**
     * Gives the client a new secret, answered (the only time it is shown); the old one no longer obtains tokens,
     * tokens already issued stay valid until they expire.
     */
    public String resetSecret(String tenantId, String principalId) {
        String secret = newSecret();
        int updated = jdbc.sql("UPDATE service_accounts SET secret_hash = ? WHERE tenant_id = ? AND principal_id = ?")
                .params(passwords.encode(secret), tenantId, principalId).update();
        if (updated == 0) {
            throw new NotFoundException(RESOURCE, principalId);
        }
        return secret;
    }

    /** Replaces the stored hash of a client's secret (the authorization server re-hashes outdated encodings). */
    public void updateSecretHash(String principalId, String secretHash) {
        jdbc.sql("UPDATE service_accounts SET secret_hash = ? WHERE principal_id = ?")
                .params(secretHash, principalId).update();
    }

    private Optional<String> find(String tenantId, String name) {
        return jdbc.sql("SELECT principal_id FROM service_accounts WHERE tenant_id = ? AND name = ?")
                .params(tenantId, name).query(String.class).optional();
    }

    private Optional<Client> client(String column, String value) {
        return jdbc.sql("SELECT principal_id, tenant_id, name, client_id, secret_hash, creation_time "
                        + "FROM service_accounts WHERE " + column + " = ?")
                .param(value)
                .query((rs, n) -> new Client(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)))
                .optional();
    }

    private String newSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
