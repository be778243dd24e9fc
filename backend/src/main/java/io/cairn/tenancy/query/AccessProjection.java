package io.cairn.tenancy.query;

import io.cairn.common.messaging.MessageMetadata;
import io.cairn.project.api.GranteeType;
import io.cairn.project.api.ProjectEvent.ProjectAccessChangedEvent;
import io.cairn.project.api.ProjectEvent.ProjectAccessGrantedEvent;
import io.cairn.project.api.ProjectEvent.ProjectAccessRevokedEvent;
import io.cairn.project.api.ProjectEvent.ProjectCreatedEvent;
import io.cairn.project.api.ProjectRole;
import io.cairn.tenancy.api.OrganizationEvent.GroupCreatedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupDeletedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupMemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupMemberRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupRenamedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRemovedEvent;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Feeds the tables that authorization reads: {@code org_groups}, {@code org_group_members},
 * {@code project_owners}, {@code project_grants} and {@code project_access}. One processor sees groups and
 * grants in the order of the event log, so {@code project_access} — one effective role per project and
 * principal — is always derived from tables of this projection only, and a replay rebuilds it identically.
 */
@Component
@ProcessingGroup("access")
public class AccessProjection {

    private static final String USER = GranteeType.USER.name();
    private static final String GROUP = GranteeType.GROUP.name();

    private final JdbcClient jdbc;
    private final AccessReadModel access;

    public AccessProjection(JdbcClient jdbc, AccessReadModel access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    /** Every project is recorded, so that roles seeing all projects of the organization can be checked too. */
    @EventHandler
    void on(ProjectCreatedEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String owner) {
        jdbc.sql("INSERT INTO project_owners (tenant_id, project_id, owner_id) VALUES (?, ?, ?)")
                .params(event.tenantId(), event.projectId(), owner).update();
        if (owner != null) {
            resolve(event.tenantId(), event.projectId(), owner);
        }
    }

    @EventHandler
    void on(ProjectAccessGrantedEvent event, @Timestamp Instant time) {
        jdbc.sql("""
                        INSERT INTO project_grants (tenant_id, project_id, grantee_type, grantee_id, role, grant_time)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(event.tenantId(), event.projectId(), event.granteeType().name(), event.granteeId(),
                        event.role().name(), time.toEpochMilli())
                .update();
        resolveGrantees(event.tenantId(), event.projectId(), event.granteeType(), event.granteeId());
    }

    @EventHandler
    void on(ProjectAccessChangedEvent event) {
        jdbc.sql("""
                        UPDATE project_grants SET role = ?
                        WHERE tenant_id = ? AND project_id = ? AND grantee_type = ? AND grantee_id = ?""")
                .params(event.role().name(), event.tenantId(), event.projectId(), event.granteeType().name(),
                        event.granteeId())
                .update();
        resolveGrantees(event.tenantId(), event.projectId(), event.granteeType(), event.granteeId());
    }

    @EventHandler
    void on(ProjectAccessRevokedEvent event) {
        jdbc.sql("DELETE FROM project_grants WHERE tenant_id = ? AND project_id = ? AND grantee_type = ? AND grantee_id = ?")
                .params(event.tenantId(), event.projectId(), event.granteeType().name(), event.granteeId()).update();
        resolveGrantees(event.tenantId(), event.projectId(), event.granteeType(), event.granteeId());
    }

    @EventHandler
    void on(GroupCreatedEvent event, @Timestamp Instant time) {
        jdbc.sql("INSERT INTO org_groups (tenant_id, id, name, creation_time) VALUES (?, ?, ?, ?)")
                .params(event.tenantId(), event.groupId(), event.name(), time.toEpochMilli()).update();
    }

    @EventHandler
    void on(GroupRenamedEvent event) {
        jdbc.sql("UPDATE org_groups SET name = ? WHERE tenant_id = ? AND id = ?")
                .params(event.name(), event.tenantId(), event.groupId()).update();
    }

    @EventHandler
    void on(GroupMemberAddedEvent event, @Timestamp Instant time) {
        jdbc.sql("INSERT INTO org_group_members (tenant_id, group_id, principal_id, since_time) VALUES (?, ?, ?, ?)")
                .params(event.tenantId(), event.groupId(), event.principalId(), time.toEpochMilli()).update();
        resolveProjectsOfGroup(event.tenantId(), event.groupId(), event.principalId());
    }

    @EventHandler
    void on(GroupMemberRemovedEvent event) {
        removeFromGroup(event.tenantId(), event.groupId(), event.principalId());
    }

    /**
     * The members leave the group and its grants are dropped: group ids are never reused, so a grant to a
     * deleted group can never give access again.
     */
    @EventHandler
    void on(GroupDeletedEvent event) {
        for (String member : groupMembers(event.tenantId(), event.groupId())) {
            removeFromGroup(event.tenantId(), event.groupId(), member);
        }
        jdbc.sql("DELETE FROM project_grants WHERE tenant_id = ? AND grantee_type = ? AND grantee_id = ?")
                .params(event.tenantId(), GROUP, event.groupId()).update();
        jdbc.sql("DELETE FROM org_groups WHERE tenant_id = ? AND id = ?").params(event.tenantId(), event.groupId()).update();
    }

    /** Leaving the organization means leaving its groups; direct grants stay until revoked. */
    @EventHandler
    void on(MemberRemovedEvent event) {
        List<String> groups = jdbc.sql("SELECT group_id FROM org_group_members WHERE tenant_id = ? AND principal_id = ?")
                .params(event.tenantId(), event.principalId()).query(String.class).list();
        for (String group : groups) {
            removeFromGroup(event.tenantId(), group, event.principalId());
        }
    }

    @ResetHandler
    void reset() {
        for (String table : new String[] {"project_access", "project_grants", "project_owners", "org_group_members",
                "org_groups"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        access.forgetRoles();
    }

    private void removeFromGroup(String tenantId, String groupId, String principalId) {
        jdbc.sql("DELETE FROM org_group_members WHERE tenant_id = ? AND group_id = ? AND principal_id = ?")
                .params(tenantId, groupId, principalId).update();
        resolveProjectsOfGroup(tenantId, groupId, principalId);
    }

    private List<String> groupMembers(String tenantId, String groupId) {
        return jdbc.sql("SELECT principal_id FROM org_group_members WHERE tenant_id = ? AND group_id = ?")
                .params(tenantId, groupId).query(String.class).list();
    }

    /** After a grant to a user or a group changed: resolves that user, or every member of that group. */
    private void resolveGrantees(String tenantId, String projectId, GranteeType type, String granteeId) {
        List<String> principals = type == GranteeType.USER ? List.of(granteeId) : groupMembers(tenantId, granteeId);
        for (String principal : principals) {
            resolve(tenantId, projectId, principal);
        }
    }

    /** After a principal joined or left a group: resolves it on every project granted to that group. */
    private void resolveProjectsOfGroup(String tenantId, String groupId, String principalId) {
        List<String> projects = jdbc.sql("""
                        SELECT project_id FROM project_grants WHERE tenant_id = ? AND grantee_type = ? AND grantee_id = ?""")
                .params(tenantId, GROUP, groupId).query(String.class).list();
        for (String project : projects) {
            resolve(tenantId, project, principalId);
        }
    }

    /** Recomputes one principal's effective role on one project from ownership, its grant and its groups' grants. */
    private void resolve(String tenantId, String projectId, String principalId) {
        List<String> roles = jdbc.sql("""
                        SELECT 'MANAGER' FROM project_owners WHERE tenant_id = :tenant AND project_id = :project
                            AND owner_id = :principal
                        UNION ALL
                        SELECT role FROM project_grants WHERE tenant_id = :tenant AND project_id = :project
                            AND grantee_type = :user AND grantee_id = :principal
                        UNION ALL
                        SELECT g.role FROM project_grants g JOIN org_group_members m
                            ON m.tenant_id = g.tenant_id AND m.group_id = g.grantee_id
                        WHERE g.tenant_id = :tenant AND g.project_id = :project AND g.grantee_type = :group
                            AND m.principal_id = :principal""")
                .param("tenant", tenantId).param("project", projectId).param("principal", principalId)
                .param("user", USER).param("group", GROUP)
                .query(String.class).list();
        ProjectRole effective = null;
        for (String role : roles) {
            effective = ProjectRole.strongest(effective, ProjectRole.valueOf(role));
        }
        jdbc.sql("DELETE FROM project_access WHERE tenant_id = ? AND project_id = ? AND principal_id = ?")
                .params(tenantId, projectId, principalId).update();
        access.forgetRoles();
        if (effective != null) {
            jdbc.sql("INSERT INTO project_access (tenant_id, project_id, principal_id, role) VALUES (?, ?, ?, ?)")
                    .params(tenantId, projectId, principalId, effective.name()).update();
        }
    }
}
