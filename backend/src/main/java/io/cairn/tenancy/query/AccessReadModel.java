package io.cairn.tenancy.query;

import io.cairn.common.CairnProperties;
import io.cairn.common.cache.ReadCache;
import io.cairn.common.error.NotFoundException;
import io.cairn.project.api.GranteeType;
import io.cairn.project.api.ProjectRole;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of the {@code access} projection: groups, project grants and effective project roles, scoped by tenant.
 *
 * <p>The two reads every authorized request makes — whether a project exists, a principal's role on it — are kept
 * in memory for {@code cairn.read-cache-ttl}; {@link AccessProjection} drops them whenever it changes
 * {@code project_access} or {@code project_owners} (see {@link ReadCache} for what another instance's change
 * costs). Only existing projects are remembered.
 */
@Component
public class AccessReadModel {

    private record RoleKey(String tenantId, String projectId, String principalId) {
    }

    private record ProjectKey(String tenantId, String projectId) {
    }

    private final JdbcClient jdbc;
    private final ReadCache<RoleKey, Optional<ProjectRole>> roles;
    private final ReadCache<ProjectKey, Boolean> projects;

    public AccessReadModel(JdbcClient jdbc) {
        this(jdbc, ReadCache.DEFAULT_TTL);
    }

    @Autowired
    public AccessReadModel(JdbcClient jdbc, CairnProperties cairn) {
        this(jdbc, cairn.readCacheTtl());
    }

    private AccessReadModel(JdbcClient jdbc, Duration ttl) {
        this.jdbc = jdbc;
        this.roles = new ReadCache<>(ttl, 10_000);
        this.projects = new ReadCache<>(ttl, 10_000);
    }

    /** Drops the remembered roles and projects, now and when the current transaction ends. */
    void forgetRoles() {
        roles.invalidateAllAfterCommit();
        projects.invalidateAllAfterCommit();
    }

    /** A group; {@code members} only when one group is read, {@code memberCount} always. */
    public record GroupView(String id, String name, long creationTime, int memberCount, List<GroupMemberView> members) {
    }

    public record GroupMemberView(String principalId, String username, long sinceTime) {
    }

    /** {@code name}: the username of a USER grantee, the name of a GROUP grantee. */
    public record GrantView(GranteeType granteeType, String granteeId, String name, ProjectRole role, long grantTime) {
    }

    /** The owner (the project's creator, MANAGER by ownership) and every grant, users before groups. */
    public record ProjectGrants(String projectId, String ownerId, String ownerUsername, List<GrantView> grants) {
    }

    public boolean projectExists(String tenantId, String projectId) {
        return projects.get(new ProjectKey(tenantId, projectId),
                key -> !existingProjects(key.tenantId(), List.of(key.projectId())).isEmpty(), exists -> exists);
    }

    /** The principal's effective role on the project through ownership, its own grant or its groups' grants. */
    public Optional<ProjectRole> grantedRole(String tenantId, String projectId, String principalId) {
        return roles.get(new RoleKey(tenantId, projectId, principalId), key -> jdbc
                .sql("SELECT role FROM project_access WHERE tenant_id = ? AND project_id = ? AND principal_id = ?")
                .params(key.tenantId(), key.projectId(), key.principalId()).query(String.class).optional()
                .map(ProjectRole::valueOf));
    }

    /** Those of {@code projectIds} that exist in the tenant. */
    public Set<String> existingProjects(String tenantId, Collection<String> projectIds) {
        return new HashSet<>(jdbc.sql("SELECT project_id FROM project_owners WHERE tenant_id = :tenant AND project_id IN (:ids)")
                .param("tenant", tenantId).param("ids", projectIds).query(String.class).list());
    }

    /** Those of {@code projectIds} on which the principal holds any role. */
    public Set<String> grantedProjects(String tenantId, String principalId, Collection<String> projectIds) {
        return new HashSet<>(jdbc.sql("""
                        SELECT project_id FROM project_access
                        WHERE tenant_id = :tenant AND principal_id = :principal AND project_id IN (:ids)""")
                .param("tenant", tenantId).param("principal", principalId).param("ids", projectIds)
                .query(String.class).list());
    }

    /** Every project of the tenant on which the principal holds any role. */
    public Set<String> projectsOf(String tenantId, String principalId) {
        return new HashSet<>(jdbc.sql("SELECT project_id FROM project_access WHERE tenant_id = ? AND principal_id = ?")
                .params(tenantId, principalId).query(String.class).list());
    }

    public List<GroupView> groups(String tenantId) {
        return jdbc.sql("""
                        SELECT g.id, g.name, g.creation_time,
                               (SELECT COUNT(*) FROM org_group_members m WHERE m.tenant_id = g.tenant_id AND m.group_id = g.id)
                        FROM org_groups g WHERE g.tenant_id = ? ORDER BY g.name, g.id""")
                .param(tenantId)
                .query((rs, n) -> new GroupView(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4), null))
                .list();
    }

    public GroupView group(String tenantId, String groupId) {
        List<GroupMemberView> members = jdbc.sql("""
                        SELECT m.principal_id, p.username, m.since_time FROM org_group_members m
                        LEFT JOIN principals p ON p.id = m.principal_id
                        WHERE m.tenant_id = ? AND m.group_id = ? ORDER BY p.username, m.principal_id""")
                .params(tenantId, groupId)
                .query((rs, n) -> new GroupMemberView(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
        return jdbc.sql("SELECT id, name, creation_time FROM org_groups WHERE tenant_id = ? AND id = ?")
                .params(tenantId, groupId)
                .query((rs, n) -> new GroupView(rs.getString(1), rs.getString(2), rs.getLong(3), members.size(), members))
                .optional().orElseThrow(() -> new NotFoundException("Group", groupId));
    }

    public ProjectGrants grants(String tenantId, String projectId) {
        List<GrantView> grants = jdbc.sql("""
                        SELECT g.grantee_type, g.grantee_id, COALESCE(p.username, o.name), g.role, g.grant_time
                        FROM project_grants g
                        LEFT JOIN principals p ON g.grantee_type = 'USER' AND p.id = g.grantee_id
                        LEFT JOIN org_groups o ON g.grantee_type = 'GROUP' AND o.tenant_id = g.tenant_id AND o.id = g.grantee_id
                        WHERE g.tenant_id = ? AND g.project_id = ?
                        ORDER BY g.grantee_type DESC, 3, g.grantee_id""")
                .params(tenantId, projectId)
                .query((rs, n) -> new GrantView(GranteeType.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        ProjectRole.valueOf(rs.getString(4)), rs.getLong(5)))
                .list();
        return jdbc.sql("""
                        SELECT o.owner_id, p.username FROM project_owners o LEFT JOIN principals p ON p.id = o.owner_id
                        WHERE o.tenant_id = ? AND o.project_id = ?""")
                .params(tenantId, projectId)
                .query((rs, n) -> new ProjectGrants(projectId, rs.getString(1), rs.getString(2), grants))
                .optional().orElseThrow(() -> new NotFoundException("Project", projectId));
    }
}
