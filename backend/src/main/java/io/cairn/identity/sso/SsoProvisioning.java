package io.cairn.identity.sso;

import io.cairn.common.messaging.Commands;
import io.cairn.common.messaging.MessageMetadata;
import io.cairn.identity.AccessTokenService;
import io.cairn.identity.profile.UserProfiles;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.OrganizationCommand.ApplySsoSignInCommand;
import io.cairn.tenancy.api.SsoClaimMapping;
import io.cairn.tenancy.query.SsoReadModel.SsoSettings;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Just-in-time provisioning of users who sign in through their organization's SSO. A user is known by
 * (organization, issuer, {@code sub}), never by name, so no identity provider can take over a local user or a user
 * of another organization; the Cairn username is {@code <org>:<preferred_username>} (':' is not allowed in other
 * names). On every sign-in the mapping decides the organization role and the mapped groups, and the {@code name}
 * and {@code email} claims refresh the user's profile (never an event).
 */
@Component
public class SsoProvisioning {

    /** Which role wins when several rules match: the strongest. */
    private static final List<OrgRole> STRENGTH = List.of(OrgRole.ADMIN, OrgRole.MEMBER, OrgRole.AUDITOR);
    private static final int MAX_NAME = 128;

    private final JdbcClient jdbc;
    private final AccessTokenService principals;
    private final Commands commands;
    private final UserProfiles profiles;
    private final Clock clock;

    public SsoProvisioning(JdbcClient jdbc, AccessTokenService principals, Commands commands, UserProfiles profiles,
                           Clock clock) {
        this.jdbc = jdbc;
        this.principals = principals;
        this.commands = commands;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** What a sign-in decided: who, under which name, with which role and mapped groups. */
    public record Outcome(String principalId, String username, OrgRole role, Set<String> groupIds) {
    }

    public Outcome signIn(SsoSettings settings, String subject, Map<String, Object> claims) {
        String org = settings.tenantId();
        String principalId = principal(org, settings.issuerUri(), subject, claims);
        profiles.fromClaims(principalId, claims.get("name"), claims.get("email"));
        OrgRole role = role(settings, claims);
        Set<String> mapped = new LinkedHashSet<>();
        Set<String> granted = new LinkedHashSet<>();
        for (SsoClaimMapping mapping : settings.mappings()) {
            if (mapping.groupId() != null) {
                mapped.add(mapping.groupId());
                if (matches(mapping, claims)) {
                    granted.add(mapping.groupId());
                }
            }
        }
        commands.sendAndProject(GenericCommandMessage.asCommandMessage(
                                new ApplySsoSignInCommand(org, principalId, role, Set.copyOf(granted), Set.copyOf(mapped)))
                        .andMetaData(Map.of(MessageMetadata.TENANT_ID, org, MessageMetadata.PRINCIPAL, principalId)),
                "Organization", org, "organizations", "access");
        String username = jdbc.sql("SELECT username FROM principals WHERE id = ?").param(principalId)
                .query(String.class).single();
        return new Outcome(principalId, username, role, granted);
    }

    static OrgRole role(SsoSettings settings, Map<String, Object> claims) {
        return settings.mappings().stream()
                .filter(mapping -> mapping.role() != null && matches(mapping, claims))
                .map(SsoClaimMapping::role)
                .min((a, b) -> Integer.compare(STRENGTH.indexOf(a), STRENGTH.indexOf(b)))
                .orElse(settings.defaultRole());
    }

    /** A string claim equal to the value, or a list claim containing it. */
    static boolean matches(SsoClaimMapping mapping, Map<String, Object> claims) {
        Object claim = claims.get(mapping.claim());
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> v != null && mapping.value().equals(v.toString()));
        }
        return claim != null && mapping.value().equals(claim.toString());
    }

    private String principal(String org, String issuer, String subject, Map<String, Object> claims) {
        Optional<String> known = identity(org, issuer, subject);
        if (known.isPresent()) {
            jdbc.sql("UPDATE sso_identities SET last_sign_in = ? WHERE tenant_id = ? AND issuer_uri = ? AND subject = ?")
                    .params(clock.millis(), org, issuer, subject).update();
            return known.get();
        }
        String principalId = principals.createPrincipal(org, freeUsername(org, subject, claims), false);
        try {
            jdbc.sql("INSERT INTO sso_identities (tenant_id, issuer_uri, subject, principal_id, last_sign_in) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .params(org, issuer, subject, principalId, clock.millis()).update();
            return principalId;
        } catch (DuplicateKeyException e) {
            // the same user's first sign-in, twice at once: the other one won
            return identity(org, issuer, subject).orElseThrow(() -> e);
        }
    }

    /** The user known by (organization, issuer, {@code sub}); erasing a user deletes their identities. */
    Optional<String> identity(String org, String issuer, String subject) {
        return jdbc.sql("SELECT principal_id FROM sso_identities WHERE tenant_id = ? AND issuer_uri = ? AND subject = ?")
                .params(org, issuer, subject).query(String.class).optional();
    }

    /** {@code <org>:<preferred_username>}, or {@code <org>:<sub>} when that is taken (e.g. after an issuer change). */
    private String freeUsername(String org, String subject, Map<String, Object> claims) {
        Object preferred = claims.get("preferred_username");
        String name = org + ":" + clean(preferred == null ? subject : preferred.toString());
        if (!taken(name)) {
            return name;
        }
        String bySubject = org + ":" + clean(subject);
        return taken(bySubject) ? org + ":" + clean(subject) + "-" + clock.millis() : bySubject;
    }

    private boolean taken(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM principals WHERE username = ?").param(username).query(Long.class)
                .single() > 0;
    }

    private static String clean(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._@+-]", "_");
        return cleaned.length() > MAX_NAME ? cleaned.substring(0, MAX_NAME) : cleaned;
    }
}
