package io.cairn.tenancy.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.common.error.NotFoundException;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The access projection's handlers against H2 in PostgreSQL mode with the application's migrations: how
 * ownership, grants and group memberships resolve into {@code project_access}, read through
 * {@link AccessReadModel}.
 */
class AccessProjectionTest {

    private static final String T = "acme";
    private static final String P = "p-1";
    private static final Instant NOW = Instant.ofEpochMilli(1_790_000_000_000L);

    private JdbcClient jdbc;
    private AccessProjection projection;
    private AccessReadModel access;

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:access-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        access = new AccessReadModel(jdbc);
        projection = new AccessProjection(jdbc, access);
        for (String user : List.of("alice", "bob", "carol")) {
            jdbc.sql("INSERT INTO principals (id, tenant_id, username, platform_admin, creation_time) VALUES (?, ?, ?, FALSE, 0)")
                    .params(user, T, user + "-name").update();
        }
        projection.on(new ProjectCreatedEvent(P, T, "churn", null, Map.of()), "alice");
    }

    private Optional<ProjectRole> role(String principal) {
        return access.grantedRole(T, P, principal);
    }

    private void grant(GranteeType type, String id, ProjectRole role) {
        projection.on(new ProjectAccessGrantedEvent(P, T, type, id, role), NOW);
    }

    private void group(String id, String... members) {
        projection.on(new GroupCreatedEvent(T, T, id, "group " + id), NOW);
        for (String member : members) {
            projection.on(new GroupMemberAddedEvent(T, T, id, member), NOW);
        }
    }

    @Test
    void theCreatorOwnsTheProjectAsManagerAndNobodyElseSeesIt() {
        assertThat(role("alice")).contains(ProjectRole.MANAGER);
        assertThat(role("bob")).isEmpty();
        assertThat(access.projectExists(T, P)).isTrue();
        assertThat(access.projectExists("globex", P)).isFalse();
        assertThat(access.grantedRole("globex", P, "alice")).isEmpty();
    }

    @Test
    void aDirectGrantIsGrantedChangedAndRevoked() {
        grant(GranteeType.USER, "bob", ProjectRole.VIEWER);
        assertThat(role("bob")).contains(ProjectRole.VIEWER);
        projection.on(new ProjectAccessChangedEvent(P, T, GranteeType.USER, "bob", ProjectRole.EDITOR));
        assertThat(role("bob")).contains(ProjectRole.EDITOR);
        projection.on(new ProjectAccessRevokedEvent(P, T, GranteeType.USER, "bob"));
        assertThat(role("bob")).isEmpty();
        assertThat(access.grants(T, P).grants()).isEmpty();
    }

    @Test
    void groupGrantsReachMembersWhetherTheyJoinBeforeOrAfter() {
        group("g-1", "bob");
        grant(GranteeType.GROUP, "g-1", ProjectRole.EDITOR);
        assertThat(role("bob")).contains(ProjectRole.EDITOR);
        projection.on(new GroupMemberAddedEvent(T, T, "g-1", "carol"), NOW);
        assertThat(role("carol")).contains(ProjectRole.EDITOR);
        projection.on(new GroupMemberRemovedEvent(T, T, "g-1", "carol"));
        assertThat(role("carol")).isEmpty();
        assertThat(role("bob")).contains(ProjectRole.EDITOR);
    }

    @Test
    void theStrongestRoleWinsAndLosingOneFallsBackToTheNext() {
        group("g-1", "bob");
        grant(GranteeType.USER, "bob", ProjectRole.VIEWER);
        grant(GranteeType.GROUP, "g-1", ProjectRole.MANAGER);
        assertThat(role("bob")).contains(ProjectRole.MANAGER);
        projection.on(new GroupMemberRemovedEvent(T, T, "g-1", "bob"));
        assertThat(role("bob")).contains(ProjectRole.VIEWER);

        grant(GranteeType.USER, "alice", ProjectRole.VIEWER);
        assertThat(role("alice")).contains(ProjectRole.MANAGER);
        projection.on(new ProjectAccessRevokedEvent(P, T, GranteeType.USER, "alice"));
        assertThat(role("alice")).contains(ProjectRole.MANAGER);
    }

    @Test
    void deletingAGroupRemovesItsMembersAccessAndItsGrants() {
        group("g-1", "bob", "carol");
        grant(GranteeType.GROUP, "g-1", ProjectRole.VIEWER);
        projection.on(new GroupDeletedEvent(T, T, "g-1"));
        assertThat(role("bob")).isEmpty();
        assertThat(role("carol")).isEmpty();
        assertThat(access.grants(T, P).grants()).isEmpty();
        assertThat(access.groups(T)).isEmpty();
    }

    @Test
    void leavingTheOrganizationLeavesItsGroupsButKeepsDirectGrants() {
        group("g-1", "bob");
        grant(GranteeType.GROUP, "g-1", ProjectRole.EDITOR);
        grant(GranteeType.USER, "carol", ProjectRole.VIEWER);
        projection.on(new GroupMemberAddedEvent(T, T, "g-1", "carol"), NOW);
        projection.on(new MemberRemovedEvent(T, T, "bob"));
        projection.on(new MemberRemovedEvent(T, T, "carol"));
        assertThat(role("bob")).isEmpty();
        assertThat(role("carol")).contains(ProjectRole.VIEWER);
        assertThat(access.group(T, "g-1").members()).isEmpty();
    }

    @Test
    void readsListGrantsWithNamesAndGroupsWithMembers() {
        group("g-1", "carol", "bob");
        projection.on(new GroupRenamedEvent(T, T, "g-1", "vision"));
        grant(GranteeType.GROUP, "g-1", ProjectRole.VIEWER);
        grant(GranteeType.USER, "bob", ProjectRole.EDITOR);

        AccessReadModel.ProjectGrants grants = access.grants(T, P);
        assertThat(grants.ownerId()).isEqualTo("alice");
        assertThat(grants.ownerUsername()).isEqualTo("alice-name");
        assertThat(grants.grants()).extracting(AccessReadModel.GrantView::name).containsExactly("bob-name", "vision");
        assertThat(grants.grants().get(0).grantTime()).isEqualTo(NOW.toEpochMilli());
        assertThat(access.groups(T)).singleElement()
                .satisfies(g -> assertThat(g.memberCount()).isEqualTo(2))
                .satisfies(g -> assertThat(g.members()).isNull());
        assertThat(access.group(T, "g-1").members()).extracting(AccessReadModel.GroupMemberView::username)
                .containsExactly("bob-name", "carol-name");
        assertThatThrownBy(() -> access.group("globex", "g-1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> access.grants("globex", P)).isInstanceOf(NotFoundException.class);
        assertThat(access.grantedProjects(T, "bob", List.of(P, "p-2"))).isEqualTo(Set.of(P));
        assertThat(access.existingProjects(T, List.of(P, "p-2"))).isEqualTo(Set.of(P));
    }

    @Test
    void resetEmptiesEveryTable() {
        group("g-1", "bob");
        grant(GranteeType.GROUP, "g-1", ProjectRole.VIEWER);
        projection.reset();
        for (String table : List.of("org_groups", "org_group_members", "project_owners", "project_grants", "project_access")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isZero();
        }
    }
}
