package io.cairn.project.command;

import static io.cairn.project.command.ProjectMother.GROUP;
import static io.cairn.project.command.ProjectMother.MEMBER;
import static io.cairn.project.command.ProjectMother.OTHER_TENANT;
import static io.cairn.project.command.ProjectMother.PROJECT_ID;
import static io.cairn.project.command.ProjectMother.TENANT;
import static io.cairn.project.command.ProjectMother.create;
import static io.cairn.project.command.ProjectMother.created;
import static io.cairn.project.command.ProjectMother.granted;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.naming.InMemoryUniqueNames;
import io.cairn.project.api.GranteeType;
import io.cairn.project.api.ProjectCommand.ArchiveProjectCommand;
import io.cairn.project.api.ProjectCommand.CreateProjectCommand;
import io.cairn.project.api.ProjectCommand.DescribeProjectCommand;
import io.cairn.project.api.ProjectCommand.GrantProjectAccessCommand;
import io.cairn.project.api.ProjectCommand.RenameProjectCommand;
import io.cairn.project.api.ProjectCommand.RestoreProjectCommand;
import io.cairn.project.api.ProjectCommand.RevokeProjectAccessCommand;
import io.cairn.project.api.ProjectCommand.TagProjectCommand;
import io.cairn.project.api.ProjectCommand.UntagProjectCommand;
import io.cairn.project.api.ProjectEvent.ProjectAccessChangedEvent;
import io.cairn.project.api.ProjectEvent.ProjectAccessRevokedEvent;
import io.cairn.project.api.ProjectEvent.ProjectArchivedEvent;
import io.cairn.project.api.ProjectEvent.ProjectDescribedEvent;
import io.cairn.project.api.ProjectEvent.ProjectRenamedEvent;
import io.cairn.project.api.ProjectEvent.ProjectRestoredEvent;
import io.cairn.project.api.ProjectEvent.ProjectTaggedEvent;
import io.cairn.project.api.ProjectEvent.ProjectUntaggedEvent;
import io.cairn.project.api.ProjectRole;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectTest {

    private AggregateTestFixture<Project> fixture;
    private InMemoryUniqueNames names;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        names = new InMemoryUniqueNames();
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(ProjectMother.organizations());
    }

    @Test
    void createProjectCommandCreatesProject() {
        fixture.givenNoPriorActivity()
                .when(create("churn"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created("churn"));
    }

    @Test
    void createProjectCommandTrimsName() {
        fixture.givenNoPriorActivity()
                .when(create("  churn  "))
                .expectEvents(created("churn"));
    }

    @Test
    void createProjectCommandWithTakenNameIsRejected() {
        names.claim(TENANT, Project.NAME_SCOPE, "churn", "other-project", "name");
        fixture.givenNoPriorActivity()
                .when(create("churn"))
                .expectException(ConflictException.class)
                .expectExceptionMessage("A project named 'churn' already exists")
                .expectNoEvents();
    }

    @Test
    void createProjectCommandWithNameTakenInAnotherTenantSucceeds() {
        names.claim(OTHER_TENANT, Project.NAME_SCOPE, "churn", "other-project", "name");
        fixture.givenNoPriorActivity()
                .when(create("churn"))
                .expectEvents(created("churn"));
    }

    @Test
    void createProjectCommandWithBlankNameIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT_ID, TENANT, "  ", null, null))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void createProjectCommandWithInvalidTagKeyIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT_ID, TENANT, "churn", null, Map.of("bad\"key", "x")))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void renameProjectCommandRenamesAndFreesOldName() {
        names.claim(TENANT, Project.NAME_SCOPE, "churn", PROJECT_ID, "name");
        fixture.given(created("churn"))
                .when(new RenameProjectCommand(PROJECT_ID, TENANT, "churn-v2"))
                .expectEvents(new ProjectRenamedEvent(PROJECT_ID, TENANT, "churn-v2"));
        names.claim(TENANT, Project.NAME_SCOPE, "churn", "someone-else", "name");
    }

    @Test
    void renameProjectCommandToSameNameChangesNothing() {
        fixture.given(created("churn"))
                .when(new RenameProjectCommand(PROJECT_ID, TENANT, "churn"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void renameProjectCommandOnArchivedProjectIsRejected() {
        fixture.given(created("churn"), new ProjectArchivedEvent(PROJECT_ID, TENANT))
                .when(new RenameProjectCommand(PROJECT_ID, TENANT, "other"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void describeProjectCommandChangesDescription() {
        fixture.given(created("churn"))
                .when(new DescribeProjectCommand(PROJECT_ID, TENANT, "New text"))
                .expectEvents(new ProjectDescribedEvent(PROJECT_ID, TENANT, "New text"));
    }

    @Test
    void tagAndUntagProjectCommandsChangeTags() {
        fixture.given(created("churn"))
                .when(new TagProjectCommand(PROJECT_ID, TENANT, Map.of("stage", "dev")))
                .expectEvents(new ProjectTaggedEvent(PROJECT_ID, TENANT, Map.of("stage", "dev")));
        fixture.given(created("churn"))
                .when(new UntagProjectCommand(PROJECT_ID, TENANT, Set.of("team")))
                .expectEvents(new ProjectUntaggedEvent(PROJECT_ID, TENANT, Set.of("team")));
    }

    @Test
    void archiveProjectCommandArchivesOnce() {
        fixture.given(created("churn"))
                .when(new ArchiveProjectCommand(PROJECT_ID, TENANT))
                .expectEvents(new ProjectArchivedEvent(PROJECT_ID, TENANT));
        fixture.given(created("churn"), new ProjectArchivedEvent(PROJECT_ID, TENANT))
                .when(new ArchiveProjectCommand(PROJECT_ID, TENANT))
                .expectNoEvents();
    }

    @Test
    void restoreProjectCommandRestoresArchivedProject() {
        fixture.given(created("churn"), new ProjectArchivedEvent(PROJECT_ID, TENANT))
                .when(new RestoreProjectCommand(PROJECT_ID, TENANT))
                .expectEvents(new ProjectRestoredEvent(PROJECT_ID, TENANT));
        fixture.given(created("churn"))
                .when(new RestoreProjectCommand(PROJECT_ID, TENANT))
                .expectNoEvents();
    }

    @Test
    void commandFromAnotherTenantIsNotFound() {
        fixture.given(created("churn"))
                .when(new ArchiveProjectCommand(PROJECT_ID, OTHER_TENANT))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Project 'p-1' not found")
                .expectNoEvents();
    }

    @Test
    void grantProjectAccessCommandGrantsAMember() {
        fixture.given(created("churn"))
                .when(new GrantProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.USER, MEMBER, ProjectRole.EDITOR))
                .expectEvents(granted(GranteeType.USER, MEMBER, ProjectRole.EDITOR));
    }

    @Test
    void grantProjectAccessCommandGrantsAGroupOnAnArchivedProject() {
        fixture.given(created("churn"), new ProjectArchivedEvent(PROJECT_ID, TENANT))
                .when(new GrantProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.GROUP, GROUP, ProjectRole.VIEWER))
                .expectEvents(granted(GranteeType.GROUP, GROUP, ProjectRole.VIEWER));
    }

    @Test
    void grantProjectAccessCommandWithAnotherRoleChangesTheGrant() {
        fixture.given(created("churn"), granted(GranteeType.USER, MEMBER, ProjectRole.VIEWER))
                .when(new GrantProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.USER, MEMBER, ProjectRole.MANAGER))
                .expectEvents(new ProjectAccessChangedEvent(PROJECT_ID, TENANT, GranteeType.USER, MEMBER,
                        ProjectRole.MANAGER));
    }

    @Test
    void grantProjectAccessCommandWithTheSameRoleChangesNothing() {
        fixture.given(created("churn"), granted(GranteeType.GROUP, GROUP, ProjectRole.EDITOR))
                .when(new GrantProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.GROUP, GROUP, ProjectRole.EDITOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void grantProjectAccessCommandToANonMemberIsRejected() {
        fixture.given(created("churn"))
                .when(new GrantProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.USER, "mallory", ProjectRole.VIEWER))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Member 'mallory' not found")
                .expectNoEvents();
    }

    @Test
    void grantProjectAccessCommandToAnUnknownGroupIsRejected() {
        fixture.given(created("churn"))
                .when(new GrantProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.GROUP, "g-404", ProjectRole.VIEWER))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Group 'g-404' not found")
                .expectNoEvents();
    }

    @Test
    void grantProjectAccessCommandWithoutRoleOrGranteeIsRejected() {
        fixture.given(created("churn"))
                .when(new GrantProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.USER, MEMBER, null))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.given(created("churn"))
                .when(new GrantProjectAccessCommand(PROJECT_ID, TENANT, null, MEMBER, ProjectRole.VIEWER))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.given(created("churn"))
                .when(new GrantProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.USER, " ", ProjectRole.VIEWER))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void grantProjectAccessCommandFromAnotherTenantIsNotFound() {
        fixture.given(created("churn"))
                .when(new GrantProjectAccessCommand(PROJECT_ID, OTHER_TENANT, GranteeType.USER, MEMBER, ProjectRole.VIEWER))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Project 'p-1' not found")
                .expectNoEvents();
    }

    @Test
    void revokeProjectAccessCommandRevokesTheGrant() {
        fixture.given(created("churn"), granted(GranteeType.USER, MEMBER, ProjectRole.EDITOR))
                .when(new RevokeProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.USER, MEMBER))
                .expectEvents(new ProjectAccessRevokedEvent(PROJECT_ID, TENANT, GranteeType.USER, MEMBER));
    }

    @Test
    void revokeProjectAccessCommandWithoutSuchGrantIsNotFound() {
        fixture.given(created("churn"), granted(GranteeType.USER, MEMBER, ProjectRole.EDITOR))
                .when(new RevokeProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.GROUP, MEMBER))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Grant 'bob' not found")
                .expectNoEvents();
        fixture.given(created("churn"), granted(GranteeType.USER, MEMBER, ProjectRole.EDITOR),
                        new ProjectAccessRevokedEvent(PROJECT_ID, TENANT, GranteeType.USER, MEMBER))
                .when(new RevokeProjectAccessCommand(PROJECT_ID, TENANT, GranteeType.USER, MEMBER))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }
}
