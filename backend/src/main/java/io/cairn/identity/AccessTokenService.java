package io.cairn.identity;

import io.cairn.common.CairnProperties;
import io.cairn.common.cache.ReadCache;
import io.cairn.common.error.InvalidInputException;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.TenantResolver;
import io.cairn.tenancy.api.OrgRole;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens: random 256-bit secrets handed out once and stored only as SHA-256 hashes (a fast
 * hash suffices for secrets of that entropy, and keeps every API call cheap to authenticate).
 *
 * <p>A verified token's row is kept in memory for {@code cairn.read-cache-ttl} (1 s by default), so that a client
 * calling many times a second (scoring) is not one SQL query per call. Its expiry is checked on every call. A
 * revocation, an erasure or a change of its owner's membership made in this backend drops the copies at once
 * ({@link #forgetVerifiedTokens()}); one made by another backend instance takes effect here within the TTL.
 */
@Service
public class AccessTokenService implements BearerAuthenticator {

    static final String PREFIX = "cairn_pat_";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TenantResolver tenants;
    private final SecureRandom random = new SecureRandom();
    /** Rows of valid tokens by token hash; refusals are never kept. */
    private final ReadCache<String, TokenRow> verified;

    public AccessTokenService(JdbcClient jdbc, Clock clock, TenantResolver tenants, CairnProperties cairn) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tenants = tenants;
        this.verified = new ReadCache<>(cairn.readCacheTtl(), 10_000);
    }

    /**
     * Drops the in-memory copies of verified tokens (now and when the current transaction ends): after a token was
     * revoked, or its owner's membership changed or was erased.
     */
    public void forgetVerifiedTokens() {
        verified.invalidateAllAfterCommit();
    }

    /** Creates a principal (user or service account) in a tenant and returns its id. */
    @Transactional
    public String createPrincipal(String tenantId, String username, boolean platformAdmin) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO principals (id, tenant_id, username, platform_admin, creation_time) VALUES (?, ?, ?, ?, ?)")
                .params(id, tenantId, username, platformAdmin, clock.millis())
                .update();
        return id;
    }

    /** A token as its owner sees it: never the secret. Times are epoch milliseconds. */
    public record TokenInfo(String id, String name, long creationTime, Long expiryTime, Long revokedTime) {
    }

    /** A freshly issued token: the only time its secret is shown. */
    public record IssuedToken(String id, String name, String token, long creationTime, Long expiryTime) {
    }

    /** Issues a token in the principal's home tenant (used for bootstrap and tests). */
    @Transactional
    public String issue(String principalId, String name, Instant expiry) {
        String tenantId = jdbc.sql("SELECT tenant_id FROM principals WHERE id = ?").param(principalId)
                .query(String.class).single();
        return issue(principalId, tenantId, name, expiry).token();
    }

    /** Issues a token acting in {@code tenantId}; the secret is never stored and cannot be shown again. */
    @Transactional
    public IssuedToken issue(String principalId, String tenantId, String name, Instant expiry) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        Long expiryTime = expiry == null ? null : expiry.toEpochMilli();
        jdbc.sql("""
                        INSERT INTO access_tokens (id, principal_id, tenant_id, name, token_hash, creation_time, expiry_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, principalId, tenantId, name, hash(token), now, expiryTime)
                .update();
        return new IssuedToken(id, name, token, now, expiryTime);
    }

    /** The principal's tokens in one tenant, newest first. */
    public List<TokenInfo> list(String principalId, String tenantId) {
        return jdbc.sql("""
                        SELECT id, name, creation_time, expiry_time, revoked_time FROM access_tokens
                        WHERE principal_id = ? AND tenant_id = ? ORDER BY creation_time DESC, id""")
                .params(principalId, tenantId)
                .query((rs, n) -> new TokenInfo(rs.getString(1), rs.getString(2), rs.getLong(3),
                        (Long) rs.getObject(4), (Long) rs.getObject(5)))
                .list();
    }

    /** Revokes one of the principal's tokens; false when it has no such token (in that tenant). */
    @Transactional
    public boolean revoke(String principalId, String tenantId, String tokenId) {
        int found = jdbc.sql("SELECT COUNT(*) FROM access_tokens WHERE id = ? AND principal_id = ? AND tenant_id = ?")
                .params(tokenId, principalId, tenantId).query(Integer.class).single();
        if (found == 0) {
            return false;
        }
        jdbc.sql("UPDATE access_tokens SET revoked_time = COALESCE(revoked_time, ?) WHERE id = ?")
                .params(clock.millis(), tokenId).update();
        forgetVerifiedTokens();
        return true;
    }

    /** Revokes every token of the tenant with this name (the tokens of a run's attempt, see compute's RunTokens). */
    @Transactional
    public void revokeNamed(String tenantId, String name) {
        jdbc.sql("UPDATE access_tokens SET revoked_time = COALESCE(revoked_time, ?) WHERE tenant_id = ? AND name = ?")
                .params(clock.millis(), tenantId, name).update();
        forgetVerifiedTokens();
    }

    @Override
    public boolean accepts(String token) {
        return token.startsWith(PREFIX);
    }

    /** A token acts in its own organization only: a {@code Cairn-Org} header naming another answers 404. */
    @Override
    public Verdict authenticate(String token, String requestedOrg, HttpServletRequest request) {
        Verdict verdict = verify(token);
        if (verdict instanceof Verdict.Valid valid
                && tenants.resolve(valid.principal().tenantId(), requestedOrg) == null) {
            return new Verdict.UnknownOrganization(requestedOrg);
        }
        return verdict;
    }

    public Verdict verify(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return new Verdict.Invalid("The bearer token is not a Cairn access token");
        }
        TokenRow row = verified.get(hash(token), this::load, TokenRow::usable);
        if (row == null) {
            return new Verdict.Invalid("The bearer token is unknown");
        }
        if (row.revokedTime() != null) {
            return new Verdict.Invalid("The bearer token has been revoked");
        }
        if (row.expiryTime() != null && row.expiryTime() <= clock.millis()) {
            return new Verdict.Invalid("The bearer token has expired");
        }
        if (row.role() == null) {
            return new Verdict.Invalid("The token's owner is not a member of organization '" + row.tenantId() + "'");
        }
        return new Verdict.Valid(new CairnPrincipal(row.principalId(), row.tenantId(), row.platformAdmin(),
                OrgRole.valueOf(row.role())));
    }

    /**
     * The token's row; null for an unknown token. The cache keeps only usable rows (not revoked, the owner a member),
     * so a refused token is asked again on every call and a new membership counts at once.
     */
    private TokenRow load(String tokenHash) {
        List<TokenRow> rows = jdbc.sql("""
                        SELECT p.id, t.tenant_id, p.platform_admin, t.expiry_time, t.revoked_time, m.role
                        FROM access_tokens t JOIN principals p ON p.id = t.principal_id
                        LEFT JOIN org_members m ON m.tenant_id = t.tenant_id AND m.principal_id = p.id
                        WHERE t.token_hash = ?""")
                .param(tokenHash)
                .query((rs, n) -> new TokenRow(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getString(6)))
                .list();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The platform administrator created on first start, if any. */
    public java.util.Optional<String> platformAdmin() {
        return jdbc.sql("SELECT id FROM principals WHERE platform_admin ORDER BY creation_time LIMIT 1")
                .query(String.class).optional();
    }

    /**
     * A user's id by name, creating a profile for a name not seen before (an invitation). Names with ':' are those
     * of users provisioned by an organization's SSO ({@code <org>:<name>}): they can be found, not made up here.
     */
    @Transactional
    public String principalFor(String username, String homeTenant) {
        return jdbc.sql("SELECT id FROM principals WHERE username = ? AND erased_time IS NULL").param(username)
                .query(String.class).optional()
                .orElseGet(() -> {
                    if (username.contains(":")) {
                        throw new InvalidInputException("username", "Names with ':' belong to users of an "
                                + "organization's SSO, who are created when they first sign in");
                    }
                    return createPrincipal(homeTenant, username, false);
                });
    }

    private static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record TokenRow(String principalId, String tenantId, boolean platformAdmin, Long expiryTime, Long revokedTime,
                            String role) {

        boolean usable() {
            return revokedTime == null && role != null;
        }
    }
}
