package io.cairn.identity.profile;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.messaging.MessageMetadata;
import io.cairn.identity.AccessTokenService;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.OrganizationCommand.EraseUserCommand;
import io.cairn.tenancy.query.OrganizationReadModel;
import io.cairn.tenancy.query.OrganizationReadModel.MembershipView;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasing a user (right to be forgotten). The user leaves every organization they belong to (as events, so
 * projections and the audit trail stay consistent) and each of those organizations and their home organization
 * records a {@code UserErasedEvent}; then their profile, password, SSO identities and access tokens are deleted
 * and their username is replaced by a pseudonym. Events only ever held the opaque principal id, so the history
 * stays whole and now names nobody.
 */
@Service
public class UserErasure {

    /** Prefix of an erased principal's username; ':' keeps it out of the names anyone can create or invite. */
    static final String PSEUDONYM_PREFIX = "erased:";

    private final JdbcClient jdbc;
    private final OrganizationReadModel organizations;
    private final UserProfiles profiles;
    private final Commands commands;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AccessTokenService tokens;

    public UserErasure(JdbcClient jdbc, OrganizationReadModel organizations, UserProfiles profiles, Commands commands,
                       TransactionTemplate transactions, Clock clock, AccessTokenService tokens) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.profiles = profiles;
        this.commands = commands;
        this.transactions = transactions;
        this.clock = clock;
        this.tokens = tokens;
    }

    private record Target(String homeOrg, boolean platformAdmin, boolean serviceAccount) {
    }

    /**
     * Erases user {@code principalId} of home organization {@code org} on behalf of {@code caller} (an owner or
     * admin of {@code org}). Erasing an erased user again completes what an interrupted erasure left undone.
     *
     * @throws NotFoundException when {@code org} is not the user's home organization, or it is a service account
     * @throws ConflictException when it is the platform administrator or the only owner of an organization
     */
    public void erase(CairnPrincipal caller, String org, String principalId) {
        Target target = jdbc.sql("""
                        SELECT p.tenant_id, p.platform_admin, s.principal_id FROM principals p
                        LEFT JOIN service_accounts s ON s.principal_id = p.id WHERE p.id = ?""")
                .param(principalId)
                .query((rs, n) -> new Target(rs.getString(1), rs.getBoolean(2), rs.getString(3) != null))
                .optional()
                .filter(t -> t.homeOrg().equals(org) && !t.serviceAccount())
                .orElseThrow(() -> new NotFoundException("User", principalId));
        if (target.platformAdmin()) {
            throw new ConflictException(null, "The platform administrator cannot be erased");
        }
        Set<String> orgs = new LinkedHashSet<>();
        for (MembershipView membership : organizations.memberships(principalId)) {
            if (membership.role() == OrgRole.OWNER && organizations.owners(membership.id()) == 1) {
                throw new ConflictException(null, "The user is the only owner of organization '" + membership.id()
                        + "'; make someone else owner there first");
            }
            orgs.add(membership.id());
        }
        orgs.add(org);
        for (String each : orgs) {
            commands.sendAndProject(GenericCommandMessage.asCommandMessage(new EraseUserCommand(each, principalId))
                            .andMetaData(Map.of(MessageMetadata.TENANT_ID, each,
                                    MessageMetadata.PRINCIPAL, caller.principalId())),
                    "Organization", each, "organizations", "access");
        }
        transactions.executeWithoutResult(status -> forget(principalId));
    }

    private void forget(String principalId) {
        long now = clock.millis();
        profiles.delete(principalId);
        jdbc.sql("DELETE FROM local_credentials WHERE principal_id = ?").param(principalId).update();
        jdbc.sql("DELETE FROM sso_identities WHERE principal_id = ?").param(principalId).update();
        jdbc.sql("UPDATE access_tokens SET revoked_time = ? WHERE principal_id = ? AND revoked_time IS NULL")
                .params(now, principalId).update();
        jdbc.sql("UPDATE principals SET username = ?, erased_time = COALESCE(erased_time, ?) WHERE id = ?")
                .params(PSEUDONYM_PREFIX + principalId, now, principalId).update();
        tokens.forgetVerifiedTokens();
    }
}
