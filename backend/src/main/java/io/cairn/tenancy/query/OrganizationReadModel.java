package io.cairn.tenancy.query;

import io.cairn.common.error.NotFoundException;
import io.cairn.tenancy.api.OrgRole;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Organizations and their members; member names come from the profile store, not from events. */
@Component
public class OrganizationReadModel {

    private final JdbcClient jdbc;

    public OrganizationReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record OrganizationView(String id, String name, long creationTime) {
    }

    /** {@code displayName} comes from the member's profile; null when they gave none. */
    public record MemberView(String principalId, String username, String displayName, OrgRole role, long sinceTime) {
    }

    public boolean exists(String orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM organizations WHERE id = ?").param(orgId).query(Long.class).single() > 0;
    }

    public OrganizationView get(String orgId) {
        return jdbc.sql("SELECT id, name, creation_time FROM organizations WHERE id = ?").param(orgId)
                .query((rs, n) -> new OrganizationView(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .optional().orElseThrow(() -> new NotFoundException("Organization", orgId));
    }

    public List<MemberView> members(String orgId) {
        return jdbc.sql("""
                        SELECT m.principal_id, p.username, u.display_name, m.role, m.since_time FROM org_members m
                        LEFT JOIN principals p ON p.id = m.principal_id
                        LEFT JOIN user_profiles u ON u.principal_id = m.principal_id
                        WHERE m.tenant_id = ? ORDER BY p.username, m.principal_id""")
                .param(orgId)
                .query((rs, n) -> new MemberView(rs.getString(1), rs.getString(2), rs.getString(3),
                        OrgRole.valueOf(rs.getString(4)), rs.getLong(5)))
                .list();
    }

    public record MembershipView(String id, String name, OrgRole role) {
    }

    /** The organizations a principal belongs to, by name. */
    public List<MembershipView> memberships(String principalId) {
        return jdbc.sql("""
                        SELECT o.id, o.name, m.role FROM org_members m JOIN organizations o ON o.id = m.tenant_id
                        WHERE m.principal_id = ? ORDER BY o.name, o.id""")
                .param(principalId)
                .query((rs, n) -> new MembershipView(rs.getString(1), rs.getString(2), OrgRole.valueOf(rs.getString(3))))
                .list();
    }

    /** The principal's username; empty for a principal that has none (a service account). */
    public Optional<String> username(String principalId) {
        return jdbc.sql("SELECT username FROM principals WHERE id = ?").param(principalId).query(String.class).optional();
    }

    /** The principal's display name from the profile store, when they gave one. */
    public Optional<String> displayName(String principalId) {
        return jdbc.sql("SELECT display_name FROM user_profiles WHERE principal_id = ? AND display_name IS NOT NULL")
                .param(principalId).query(String.class).optional();
    }

    /** How many owners the organization has. */
    public long owners(String orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM org_members WHERE tenant_id = ? AND role = 'OWNER'").param(orgId)
                .query(Long.class).single();
    }

    public Optional<OrgRole> role(String orgId, String principalId) {
        return jdbc.sql("SELECT role FROM org_members WHERE tenant_id = ? AND principal_id = ?")
                .params(orgId, principalId).query(String.class).optional().map(OrgRole::valueOf);
    }
}
