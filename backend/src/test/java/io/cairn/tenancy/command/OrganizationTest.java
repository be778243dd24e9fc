package io.cairn.tenancy.command;

import static io.cairn.tenancy.command.OrganizationMother.GROUP_ID;
import static io.cairn.tenancy.command.OrganizationMother.MEMBER;
import static io.cairn.tenancy.command.OrganizationMother.ORG;
import static io.cairn.tenancy.command.OrganizationMother.founded;
import static io.cairn.tenancy.command.OrganizationMother.groupCreated;
import static io.cairn.tenancy.command.OrganizationMother.withTeam;
import static io.cairn.tenancy.command.OrganizationMother.withTeamAnd;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.tenancy.api.OrganizationCommand.AddGroupMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.CreateGroupCommand;
import io.cairn.tenancy.api.OrganizationCommand.DeleteGroupCommand;
import io.cairn.tenancy.api.OrganizationCommand.RemoveGroupMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.RecordPasswordChangeCommand;
import io.cairn.tenancy.api.OrganizationCommand.RemoveMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.RenameGroupCommand;
import io.cairn.tenancy.api.OrganizationEvent.GroupDeletedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupMemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupMemberRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupRenamedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.PasswordChangedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group command paths of {@link Organization}. */
class OrganizationTest {

    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    @Test
    void createGroupCommandCreatesGroupWithTrimmedName() {
        fixture.given(founded())
                .when(new CreateGroupCommand(ORG, GROUP_ID, "  ml-team "))
                .expectEvents(groupCreated(GROUP_ID, "ml-team"));
    }

    @Test
    void createGroupCommandWithTakenNameIsRejected() {
        fixture.given(withTeam())
                .when(new CreateGroupCommand(ORG, "g-2", "ml-team"))
                .expectException(ConflictException.class)
                .expectExceptionMessage("A group named 'ml-team' already exists")
                .expectNoEvents();
    }

    @Test
    void createGroupCommandWithBlankNameIsRejected() {
        fixture.given(founded())
                .when(new CreateGroupCommand(ORG, GROUP_ID, " "))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void renameGroupCommandRenamesAndFreesOldName() {
        fixture.given(withTeamAnd(new GroupRenamedEvent(ORG, ORG, GROUP_ID, "vision")))
                .when(new CreateGroupCommand(ORG, "g-2", "ml-team"))
                .expectEvents(groupCreated("g-2", "ml-team"));
        fixture.given(withTeam())
                .when(new RenameGroupCommand(ORG, GROUP_ID, "vision"))
                .expectEvents(new GroupRenamedEvent(ORG, ORG, GROUP_ID, "vision"));
    }

    @Test
    void renameGroupCommandToSameNameChangesNothing() {
        fixture.given(withTeam())
                .when(new RenameGroupCommand(ORG, GROUP_ID, "ml-team"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void renameGroupCommandToAnotherGroupsNameIsRejected() {
        fixture.given(withTeamAnd(groupCreated("g-2", "vision")))
                .when(new RenameGroupCommand(ORG, "g-2", "ml-team"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void renameGroupCommandOnUnknownGroupIsNotFound() {
        fixture.given(founded())
                .when(new RenameGroupCommand(ORG, "nope", "x"))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Group 'nope' not found")
                .expectNoEvents();
    }

    @Test
    void addGroupMemberCommandAddsAnOrganizationMember() {
        fixture.given(founded()).andGiven(groupCreated(GROUP_ID, "ml-team"))
                .when(new AddGroupMemberCommand(ORG, GROUP_ID, MEMBER))
                .expectEvents(new GroupMemberAddedEvent(ORG, ORG, GROUP_ID, MEMBER));
    }

    @Test
    void addGroupMemberCommandForSomeoneAlreadyInTheGroupChangesNothing() {
        fixture.given(withTeam())
                .when(new AddGroupMemberCommand(ORG, GROUP_ID, MEMBER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void addGroupMemberCommandForANonMemberIsRejected() {
        fixture.given(withTeam())
                .when(new AddGroupMemberCommand(ORG, GROUP_ID, "mallory"))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Member 'mallory' not found")
                .expectNoEvents();
    }

    @Test
    void addGroupMemberCommandToUnknownGroupIsNotFound() {
        fixture.given(founded())
                .when(new AddGroupMemberCommand(ORG, "nope", MEMBER))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void removeGroupMemberCommandRemovesMember() {
        fixture.given(withTeam())
                .when(new RemoveGroupMemberCommand(ORG, GROUP_ID, MEMBER))
                .expectEvents(new GroupMemberRemovedEvent(ORG, ORG, GROUP_ID, MEMBER));
    }

    @Test
    void removeGroupMemberCommandForSomeoneNotInTheGroupIsNotFound() {
        fixture.given(founded()).andGiven(groupCreated(GROUP_ID, "ml-team"))
                .when(new RemoveGroupMemberCommand(ORG, GROUP_ID, MEMBER))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Group member 'bob' not found")
                .expectNoEvents();
    }

    @Test
    void memberRemovedFromTheOrganizationLeavesItsGroups() {
        fixture.given(withTeamAnd(new MemberRemovedEvent(ORG, ORG, MEMBER)))
                .when(new RemoveGroupMemberCommand(ORG, GROUP_ID, MEMBER))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        fixture.given(withTeam())
                .when(new RemoveMemberCommand(ORG, MEMBER))
                .expectEvents(new MemberRemovedEvent(ORG, ORG, MEMBER));
    }

    @Test
    void deleteGroupCommandDeletesGroupAndFreesItsName() {
        fixture.given(withTeam())
                .when(new DeleteGroupCommand(ORG, GROUP_ID))
                .expectEvents(new GroupDeletedEvent(ORG, ORG, GROUP_ID));
        fixture.given(withTeamAnd(new GroupDeletedEvent(ORG, ORG, GROUP_ID)))
                .when(new CreateGroupCommand(ORG, "g-2", "ml-team"))
                .expectEvents(groupCreated("g-2", "ml-team"));
    }

    @Test
    void deleteGroupCommandOnDeletedGroupIsNotFound() {
        fixture.given(withTeamAnd(new GroupDeletedEvent(ORG, ORG, GROUP_ID)))
                .when(new DeleteGroupCommand(ORG, GROUP_ID))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void recordPasswordChangeCommandPutsTheChangeOnRecord() {
        fixture.given(founded())
                .when(new RecordPasswordChangeCommand(ORG, MEMBER, true))
                .expectEvents(new PasswordChangedEvent(ORG, ORG, MEMBER, true));
    }
}
